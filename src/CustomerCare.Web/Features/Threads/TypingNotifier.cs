using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Threads;

/// <summary>
/// Tells a thread that someone writes, without an event per keystroke: "typing" at most every
/// <see cref="Repeat"/> while the text changes (well inside <see cref="PresenceService.TypingTimeout"/>, so the
/// others' indicator stays on), and "stopped" once when the text is sent, emptied or the composer goes away.
/// </summary>
public sealed class TypingNotifier(PresenceService presence, TimeProvider time, int postId, PresencePerson person, bool internalNote)
{
    public static readonly TimeSpan Repeat = TimeSpan.FromSeconds(3);

    private DateTimeOffset? announced;

    public Task TextChangedAsync(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return StoppedAsync();
        }

        var now = time.GetUtcNow();
        if (announced is { } last && now - last < Repeat)
        {
            return Task.CompletedTask;
        }

        announced = now;
        return presence.TypingAsync(postId, person, typing: true, internalNote);
    }

    public Task StoppedAsync()
    {
        if (announced is null)
        {
            return Task.CompletedTask;
        }

        announced = null;
        return presence.TypingAsync(postId, person, typing: false, internalNote);
    }
}
