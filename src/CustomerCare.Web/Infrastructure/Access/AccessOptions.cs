namespace CustomerCare.Web.Infrastructure.Access;

/// <summary>How quickly lost access takes effect and how failed sign-ins are slowed (section <c>Access</c>).</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>
    /// How often an open page checks its person's security stamp besides the moment it is told of a change; the safety
    /// net for a change whose event did not arrive (Redis down between servers).
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    public SignInThrottleOptions Throttle { get; set; } = new();

    internal IEnumerable<string> Problems()
    {
        if (RevalidationInterval <= TimeSpan.Zero || RevalidationInterval > TimeSpan.FromHours(1))
        {
            yield return "Access:RevalidationInterval must be more than zero and at most one hour.";
        }

        foreach (var problem in Throttle.Problems())
        {
            yield return problem;
        }
    }
}

/// <summary>
/// Failed sign-ins are slowed, never locked: after <c>FreeFailures</c> failures of one key in a row each further
/// failure makes the next attempt wait, starting at <see cref="FirstDelay"/> and doubling up to its cap. Three keys
/// count: the client address with the account (a stranger guessing one account), the address alone (one address trying
/// many accounts) and the account alone (many addresses trying one account). The account alone has a short cap, so the
/// real person signing in from elsewhere is at most mildly slowed while strangers guess.
/// </summary>
public sealed class SignInThrottleOptions
{
    /// <summary>Failures of one address on one account before the first delay.</summary>
    public int FreeFailures { get; set; } = 3;

    /// <summary>Failures from one address, whatever the accounts, before the first delay.</summary>
    public int AddressFreeFailures { get; set; } = 10;

    /// <summary>Failures on one account, from whatever address, before the first delay.</summary>
    public int AccountFreeFailures { get; set; } = 10;

    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap of the address-and-account and the address delays.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The cap of the account's own delay: the most the real person waits because strangers guess.</summary>
    public TimeSpan AccountMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A key without a failure for this long starts afresh.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromHours(1);

    internal IEnumerable<string> Problems()
    {
        if (FreeFailures < 1 || AddressFreeFailures < 1 || AccountFreeFailures < 1)
        {
            yield return "Access:Throttle:FreeFailures, AddressFreeFailures and AccountFreeFailures must be at least 1.";
        }

        if (FirstDelay <= TimeSpan.Zero || MaxDelay < FirstDelay || AccountMaxDelay < FirstDelay)
        {
            yield return "Access:Throttle:FirstDelay must be more than zero and no more than MaxDelay and AccountMaxDelay.";
        }

        if (ForgetAfter < MaxDelay || ForgetAfter < AccountMaxDelay)
        {
            yield return "Access:Throttle:ForgetAfter must be at least MaxDelay and AccountMaxDelay.";
        }
    }
}
