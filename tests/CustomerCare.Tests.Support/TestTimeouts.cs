namespace CustomerCare.Tests.Support;

/// <summary>
/// How long any test waits for something it expects: a page's element, a live event, a mail, a process. The
/// suite runs on two cores shared with other work, where a step that takes milliseconds alone can take seconds,
/// so the limit is generous; a passing wait returns the moment it passes, so only a failure waits this long.
/// </summary>
public static class TestTimeouts
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
}
