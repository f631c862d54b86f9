using Microsoft.Extensions.Localization;

namespace CustomerCare.Web.Components.Shared;

/// <summary>
/// What a page's one polite live region (<see cref="LiveRegion"/>) says about other people's live changes (WCAG 2.1,
/// 4.1.3 Status Messages), without flooding: the first change opens a <see cref="Window"/>, and when it closes everything
/// that came meanwhile is said at once ("3 new replies. Status changed to Planned."). Someone writing is said once when they
/// start, not again while they keep writing. The callers leave out the reader's own acts: they see those where they act.
/// </summary>
public sealed class LiveAnnouncer(TimeProvider time, IStringLocalizer text) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>A writer whose name the reader may not see (a visitor is told only that someone writes).</summary>
    public const string Someone = "";

    private readonly Lock gate = new();
    private readonly List<string> replies = [];
    private readonly List<string> startedWriting = [];
    private HashSet<string> writing = new(StringComparer.Ordinal);
    private string? status;
    private string? owner;
    private ITimer? window;
    private int said;

    /// <summary>The region's text: the last announcement, or empty.</summary>
    public string Message { get; private set; } = "";

    /// <summary>Raised when <see cref="Message"/> changed, on a timer's thread: marshal to the renderer.</summary>
    public event Action? Changed;

    public void Reply(string authorName) => Add(() => replies.Add(authorName));

    /// <summary>The post's new status, as the page names it; only the latest of a window is said.</summary>
    public void Status(string statusName) => Add(() => status = statusName);

    /// <summary>A complaint's new owner; only the latest of a window is said.</summary>
    public void Owner(string name) => Add(() => owner = name);

    /// <summary>
    /// Who writes now (the reader left out), each time that changes: those who started since the last call are said;
    /// those still writing are not said again, and someone who stopped is said again when they start anew.
    /// </summary>
    public void Writing(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var now = names.ToHashSet(StringComparer.Ordinal);
        lock (gate)
        {
            var started = now.Where(n => !writing.Contains(n) && !startedWriting.Contains(n)).ToList();
            writing = now;
            if (started.Count > 0)
            {
                startedWriting.AddRange(started);
                window ??= time.CreateTimer(_ => Say(), null, Window, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Add(Action change)
    {
        lock (gate)
        {
            change();
            window ??= time.CreateTimer(_ => Say(), null, Window, Timeout.InfiniteTimeSpan);
        }
    }

    private void Say()
    {
        Action? changed;
        lock (gate)
        {
            var parts = new List<string>();
            if (replies.Count > 0)
            {
                parts.Add(replies.Count == 1 ? text["Announce_Reply", replies[0]] : text["Announce_Replies", replies.Count]);
            }

            if (status is not null)
            {
                parts.Add(text["Announce_Status", status]);
            }

            if (owner is not null)
            {
                parts.Add(text["Announce_Owner", owner]);
            }

            if (startedWriting.Count > 0)
            {
                parts.Add(WritingText());
            }

            replies.Clear();
            startedWriting.Clear();
            (status, owner) = (null, null);
            window?.Dispose();
            window = null;
            // The same words again would be no change to the page, and a screen reader would stay silent: every second
            // announcement ends in a no-break space.
            Message = string.Join(' ', parts) + (++said % 2 == 0 ? "\u00A0" : "");
            changed = Changed;
        }

        changed?.Invoke();
    }

    private string WritingText() => startedWriting switch
    {
        [Someone] => text["Presence_TypingSomeone"],
        [var one] => text["Presence_Typing", one],
        [var first, var second] when first != Someone && second != Someone => text["Presence_TypingTwo", first, second],
        _ => text["Presence_TypingMany", startedWriting.Count],
    };

    public void Dispose()
    {
        lock (gate)
        {
            window?.Dispose();
            window = null;
        }
    }
}
