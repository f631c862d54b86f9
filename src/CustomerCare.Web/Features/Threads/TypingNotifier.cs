using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Threads;

/// <summary>
/// Tells a thread that someone writes, without an event per keystroke: "typing" at most every
/// <see cref="Repeat"/> while the text changes (well inside <see cref="PresenceService.TypingTimeout"/>, so the
/// others' indicator stays on), and "stopped" once when the text is sent, emptied or the composer goes away.
/// Switching a half-written reply to an internal note stops the public indicator first.
/// </summary>
public sealed class TypingNotifier(PresenceService presence, TimeProvider time, int postId, PresencePerson person)
{
    public static readonly TimeSpan Repeat = TimeSpan.FromSeconds(3);

    public int PostId => postId;

    private DateTimeOffset? announced;
    private bool announcedInternal;

    public async Task TextChangedAsync(string? text, bool internalNote)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            await StoppedAsync();
            return;
        }

        if (announced is not null && announcedInternal != internalNote)
        {
            await StoppedAsync();
        }

        var now = time.GetUtcNow();
        if (announced is { } last && now - last < Repeat)
        {
            return;
        }

        announced = now;
        announcedInternal = internalNote;
        await presence.TypingAsync(postId, person, typing: true, internalNote);
    }

    public Task StoppedAsync()
    {
        if (announced is null)
        {
            return Task.CompletedTask;
        }

        announced = null;
        return presence.TypingAsync(postId, person, typing: false, announcedInternal);
    }
}
