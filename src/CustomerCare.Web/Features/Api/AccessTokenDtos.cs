using CustomerCare.Data.Entities;

namespace CustomerCare.Web.Features.Api;

/// <summary>A token as its person sees it on the account page: never the secret, only its first characters.</summary>
public sealed record AccessTokenView(
    long Id, string Name, string Prefix, TokenScope Scope, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>
/// A new token: <see cref="Secret"/> is shown once and is kept nowhere. <see cref="Errors"/> maps a field
/// (<c>Name</c>, <c>Scope</c>, <c>ExpiresAt</c>) to the resource key of its message; then nothing was made.
/// </summary>
public sealed record AccessTokenCreated(string? Secret, AccessTokenView? Token, IReadOnlyDictionary<string, string> Errors);

/// <summary>Why a presented token opens nothing; each is said in the 401's detail.</summary>
public enum TokenRefusal
{
    Unknown,
    Expired,
    Revoked,

    /// <summary>The person's account is deleted or locked out.</summary>
    AccountClosed,
}

/// <summary>A token that opens the API: its person, their roles as stored now, and the token's scope.</summary>
public sealed record TokenHolder(long TokenId, string UserId, TokenScope Scope, IReadOnlyList<string> Roles);

/// <summary>Either <see cref="Holder"/> or <see cref="Refusal"/>.</summary>
public sealed record TokenCheck(TokenHolder? Holder, TokenRefusal? Refusal);
