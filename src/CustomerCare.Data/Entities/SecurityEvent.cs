namespace CustomerCare.Data.Entities;

/// <summary>
/// What happened to an account or at the door. Stored as text (at most 40 characters), so a later kind ("Reported",
/// "Blocked") is one more member here and needs no migration.
/// </summary>
public enum SecurityEventKind
{
    SignInFailed,

    /// <summary>The attempt was refused unchecked: too many failures from this address or for this account.</summary>
    SignInThrottled,
    SignedIn,
    SignedOut,
    RoleGranted,
    RoleRevoked,
    PasswordResetRequested,
    PasswordResetDone,
    RegistrationForExistingAddress,

    /// <summary>Staff blocked the person from posting (<see cref="ActorId"/>: who; the reason in the detail).</summary>
    PersonBlocked,
    PersonUnblocked,

    /// <summary>The person reported a post or reply (the target and reason in the detail); the reporter is never shown to the reported.</summary>
    PostReported,

    /// <summary>The person downloaded everything the portal holds about them (or an admin did for them: <see cref="ActorId"/>).</summary>
    PersonalDataExported,

    /// <summary>An admin asked for a person's data on their behalf (<see cref="ActorId"/>: who; the reason in the detail).</summary>
    PersonalDataRequested,

    /// <summary>The person deleted their account; the row's id is then a tombstone's (no name, no address).</summary>
    AccountDeleted,

    /// <summary>Signed in through an OpenID Connect provider (its name in the detail).</summary>
    SignedInExternally,

    /// <summary>A provider's login was linked to the account, whose address the provider verified.</summary>
    ExternalLoginLinked,

    /// <summary>The account was made at a first sign-in through a provider.</summary>
    ExternalAccountCreated,

    /// <summary>A provider named the account's address without verifying it: not linked.</summary>
    ExternalLinkRefused,

    /// <summary>A provider's answer was refused (tampered state or nonce, an error, the provider unreachable); no account is known.</summary>
    ExternalSignInFailed,
}

/// <summary>
/// One security-relevant event: who (when known), from where, what, when. A name typed at the door that is no account is
/// kept only as <see cref="AccountHash"/> and only when it looks like an e-mail address; typed passwords are never stored.
/// No foreign key to the user: the log must neither block removing a person nor vanish with them.
/// </summary>
public sealed class SecurityEvent
{
    public const int AddressMaxLength = 64;
    public const int DetailMaxLength = 200;
    public const int AccountHashLength = 64;

    public long Id { get; set; }

    public required SecurityEventKind Kind { get; set; }

    /// <summary>The person the event is about; null for an e-mail address that has no account.</summary>
    public string? UserId { get; set; }

    /// <summary>SHA-256 (hex) of an unknown account name that looked like an e-mail address, so repeated tries of one name show.</summary>
    public string? AccountHash { get; set; }

    /// <summary>Who did it, when it was someone else (the admin who changed a role).</summary>
    public string? ActorId { get; set; }

    /// <summary>The client's address as the forwarded headers resolved it; null for acts in an interactive page.</summary>
    public string? ClientAddress { get; set; }

    /// <summary>A short fact that belongs to the kind: the role granted or revoked.</summary>
    public string? Detail { get; set; }

    public required DateTime OccurredAt { get; set; }
}
