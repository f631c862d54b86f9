namespace CustomerCare.Data.Entities;

/// <summary>
/// A mail waiting to go out, stored so that it survives a restart: the sender claims it with a lease
/// (<see cref="LockToken"/> until <see cref="LockedUntil"/>), marks it sent, or retries with back-off.
/// <see cref="DedupKey"/> is unique, so enqueueing the same mail twice stores it once.
/// </summary>
public sealed class OutboxMail
{
    public const int AddressMaxLength = 256;
    public const int SubjectMaxLength = 300;
    public const int DedupKeyMaxLength = 200;
    public const int ErrorMaxLength = 2_000;

    public long Id { get; set; }

    /// <summary>What this mail is for and which event: "notification:42", "digest:{user}:2026-11-23", "account:{guid}".</summary>
    public required string DedupKey { get; set; }

    public string? UserId { get; set; }

    public CareUser? User { get; set; }

    public required string ToAddress { get; set; }

    public string? ToName { get; set; }

    public required string Subject { get; set; }

    public required string TextBody { get; set; }

    public required string HtmlBody { get; set; }

    /// <summary>The one-click unsubscribe address (List-Unsubscribe); null for account mails.</summary>
    public string? UnsubscribeUrl { get; set; }

    public required DateTime CreatedAt { get; set; }

    public required DateTime NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>Set when the server refused the address for good (a bounce) or the attempts ran out; never retried.</summary>
    public DateTime? GaveUpAt { get; set; }

    public Guid? LockToken { get; set; }

    public DateTime? LockedUntil { get; set; }
}
