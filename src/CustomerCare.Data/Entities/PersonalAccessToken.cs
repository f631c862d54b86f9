namespace CustomerCare.Data.Entities;

/// <summary>
/// What a personal access token may do, each level including the ones before it: read (GETs), write (everything the
/// person may do in the pages), admin (the admin endpoints, for a person who is an admin). Stored as text.
/// </summary>
public enum TokenScope
{
    Read,
    Write,
    Admin,
}

/// <summary>
/// A person's key to the REST API. Only the SHA-256 of the secret is stored: the secret is shown once, when made, and a
/// stolen database holds nothing that opens the API. Every request asks for the person's current roles, so a token
/// never grants more than its person may do today.
/// </summary>
public sealed class PersonalAccessToken
{
    public const int NameMaxLength = 80;

    /// <summary>Hex of SHA-256.</summary>
    public const int HashLength = 64;

    public const int PrefixLength = 16;

    public long Id { get; set; }

    public required string UserId { get; set; }

    public CareUser? User { get; set; }

    /// <summary>The person's label: "CI export", "laptop script".</summary>
    public required string Name { get; set; }

    /// <summary>The first characters of the secret, so the person can tell their tokens apart.</summary>
    public required string Prefix { get; set; }

    public required string Hash { get; set; }

    public required TokenScope Scope { get; set; }

    public required DateTime CreatedAt { get; set; }

    public required DateTime ExpiresAt { get; set; }

    /// <summary>Written at most once a minute, so a busy script does not turn every read into a write.</summary>
    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
