namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// <c>RateLimits</c>: how often one client may post the account forms (<see cref="RequestLimit"/>, at the HTTP layer) and
/// how often one person may propose, file, reply and vote (<see cref="ActLimit"/>, counted in the database by the services).
/// docs/configuration.md gives the defaults and the reasons for them.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>An account registered this recently, or whose address is not confirmed yet, gets the <see cref="ActLimit.NewAccount"/> limits.</summary>
    public TimeSpan NewAccountAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// No per-account count: a hard cap per account would let strangers lock its owner out. <c>SignInThrottle</c> slows
    /// wrong passwords per account instead, mildly and never to a stop.
    /// </summary>
    public RequestLimit SignIn { get; set; } = new() { PerAddress = 30, PerAccount = 0, Window = TimeSpan.FromMinutes(5) };

    public RequestLimit Registration { get; set; } = new() { PerAddress = 20, PerAccount = 5, Window = TimeSpan.FromHours(1) };

    public RequestLimit ForgotPassword { get; set; } = new() { PerAddress = 20, PerAccount = 3, Window = TimeSpan.FromHours(1) };

    public RequestLimit ResendConfirmation { get; set; } = new() { PerAddress = 20, PerAccount = 3, Window = TimeSpan.FromHours(1) };

    public RequestLimit Unsubscribe { get; set; } = new() { PerAddress = 60, PerAccount = 10, Window = TimeSpan.FromMinutes(10) };

    /// <summary>
    /// REST API requests (<c>/api/v1</c>, every method): per token (a cookie caller: per person) as
    /// <see cref="RequestLimit.PerAccount"/>, per client address for callers nobody signed in as <see cref="RequestLimit.PerAddress"/>.
    /// </summary>
    public RequestLimit Api { get; set; } = new() { PerAddress = 120, PerAccount = 600, Window = TimeSpan.FromMinutes(1) };

    public ActLimit Ideas { get; set; } = new() { NewAccount = 3, Customer = 10, Staff = 60, Window = TimeSpan.FromHours(1) };

    public ActLimit Complaints { get; set; } = new() { NewAccount = 3, Customer = 5, Staff = 60, Window = TimeSpan.FromHours(1) };

    public ActLimit Replies { get; set; } = new() { NewAccount = 10, Customer = 30, Staff = 200, Window = TimeSpan.FromMinutes(10) };

    public ActLimit Votes { get; set; } = new() { NewAccount = 30, Customer = 120, Staff = 300, Window = TimeSpan.FromMinutes(10) };

    /// <summary>For reports of posts, once the portal takes them: the change that adds them counts its rows against this.</summary>
    public ActLimit Reports { get; set; } = new() { NewAccount = 5, Customer = 20, Staff = 200, Window = TimeSpan.FromHours(1) };

    /// <summary>The problems that stop start-up, one sentence each naming the setting.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, limit) in Requests())
        {
            if (limit.PerAddress < 1 || limit.PerAccount < 0 || limit.Window <= TimeSpan.Zero || limit.Window > MaxWindow)
            {
                yield return $"{Section}:{name} needs PerAddress of at least 1, PerAccount of at least 0 (0: none) and a Window between 00:00:01 and 7.00:00:00.";
            }
        }

        foreach (var (name, limit) in Acts())
        {
            if (limit.NewAccount < 1 || limit.Customer < 1 || limit.Staff < 1 || limit.Window <= TimeSpan.Zero || limit.Window > MaxWindow)
            {
                yield return $"{Section}:{name} needs NewAccount, Customer and Staff of at least 1 and a Window between 00:00:01 and 7.00:00:00.";
            }
        }

        if (NewAccountAge < TimeSpan.Zero)
        {
            yield return $"{Section}:NewAccountAge cannot be negative.";
        }
    }

    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(7);

    private IEnumerable<(string Name, RequestLimit Limit)> Requests() =>
    [
        (nameof(SignIn), SignIn), (nameof(Registration), Registration), (nameof(ForgotPassword), ForgotPassword),
        (nameof(ResendConfirmation), ResendConfirmation), (nameof(Unsubscribe), Unsubscribe), (nameof(Api), Api),
    ];

    private IEnumerable<(string Name, ActLimit Limit)> Acts() =>
        [(nameof(Ideas), Ideas), (nameof(Complaints), Complaints), (nameof(Replies), Replies), (nameof(Votes), Votes), (nameof(Reports), Reports)];
}

/// <summary>Posts of one form per <see cref="Window"/>: from one client address, and naming one account or e-mail address.</summary>
public sealed class RequestLimit
{
    public int PerAddress { get; set; }

    /// <summary>0: the form is limited per client address only.</summary>
    public int PerAccount { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>How many of one act a person may do per <see cref="Window"/>: new accounts, other customers, people who work here.</summary>
public sealed class ActLimit
{
    public int NewAccount { get; set; }

    public int Customer { get; set; }

    public int Staff { get; set; }

    public TimeSpan Window { get; set; }
}
