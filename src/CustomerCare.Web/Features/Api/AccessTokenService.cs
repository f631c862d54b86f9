using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Api;

/// <summary>
/// Personal access tokens: a person makes, lists and revokes their own on the account page; the API's authentication
/// checks the secret a request presents. The secret is <see cref="SecretPrefix"/> and 32 random bytes; only its SHA-256
/// is stored, so the secret is shown once and cannot be shown again.
/// </summary>
public sealed class AccessTokenService(IDbContextFactory<CareDb> dbs, TimeProvider time)
{
    /// <summary>Recognisable in a leaked log or repository (secret scanners look for such prefixes).</summary>
    public const string SecretPrefix = "ccpat_";

    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    /// <summary>A busy script writes "last used" once a minute, not on every request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Resource keys of the form's messages.</summary>
    public const string NameRequired = "Tokens_NameRequired";
    public const string NameTooLong = "Tokens_NameTooLong";
    public const string ExpiryOutOfRange = "Tokens_ExpiryOutOfRange";
    public const string AdminScopeForAdmins = "Tokens_AdminScopeForAdmins";

    public async Task<IReadOnlyList<AccessTokenView>> ListAsync(Viewer viewer, CancellationToken ct = default)
    {
        var userId = SignedIn(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id)
            .Select(t => new AccessTokenView(t.Id, t.Name, t.Prefix, t.Scope, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(ct);
    }

    /// <summary>
    /// A token for the viewer, valid until <paramref name="expiresAt"/> (at most <see cref="MaxLifetime"/> away). The
    /// admin scope is for admins only: it would open nothing for anyone else.
    /// </summary>
    public async Task<AccessTokenCreated> CreateAsync(string? name, TokenScope scope, DateTime expiresAt, Viewer viewer, CancellationToken ct = default)
    {
        var userId = SignedIn(viewer);
        var now = time.GetUtcNow().UtcDateTime;
        var label = TextRules.Line(name);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (label.Length == 0)
        {
            errors["Name"] = NameRequired;
        }
        else if (label.Length > PersonalAccessToken.NameMaxLength)
        {
            errors["Name"] = NameTooLong;
        }

        if (expiresAt.ToUniversalTime() <= now || expiresAt.ToUniversalTime() > now + MaxLifetime)
        {
            errors["ExpiresAt"] = ExpiryOutOfRange;
        }

        if (!Enum.IsDefined(scope) || (scope == TokenScope.Admin && !viewer.IsAdmin))
        {
            errors["Scope"] = AdminScopeForAdmins;
        }

        if (errors.Count > 0)
        {
            return new(null, null, errors);
        }

        var secret = SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var token = new PersonalAccessToken
        {
            UserId = userId,
            Name = label,
            Prefix = secret[..PersonalAccessToken.PrefixLength],
            Hash = HashOf(secret),
            Scope = scope,
            CreatedAt = now,
            ExpiresAt = expiresAt.ToUniversalTime(),
        };
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new(secret, new(token.Id, token.Name, token.Prefix, token.Scope, token.CreatedAt, token.ExpiresAt, null, null),
            new Dictionary<string, string>());
    }

    /// <summary>Revokes one of the viewer's own tokens; false when it is not theirs or already revoked.</summary>
    public async Task<bool> RevokeAsync(long tokenId, Viewer viewer, CancellationToken ct = default)
    {
        var userId = SignedIn(viewer);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.PersonalAccessTokens.Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct) == 1;
    }

    /// <summary>
    /// Who <paramref name="secret"/> belongs to, with their roles as stored now, or why it opens nothing. Notes the use
    /// at most once per <see cref="LastUsedResolution"/>.
    /// </summary>
    public async Task<TokenCheck> CheckAsync(string secret, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return new(null, TokenRefusal.Unknown);
        }

        var hash = HashOf(secret);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var token = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.Hash == hash)
            .Select(t => new
            {
                t.Id, t.UserId, t.Scope, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.User!.DeletedAt, t.User.LockoutEnd,
                // In the same round trip as the token: every API request asks this.
                Roles = db.UserRoles.Where(r => r.UserId == t.UserId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        TokenRefusal? refusal = token switch
        {
            null => TokenRefusal.Unknown,
            { RevokedAt: not null } => TokenRefusal.Revoked,
            _ when token.ExpiresAt <= now => TokenRefusal.Expired,
            _ when token.DeletedAt is not null || token.LockoutEnd > time.GetUtcNow() => TokenRefusal.AccountClosed,
            _ => null,
        };
        if (refusal is not null)
        {
            return new(null, refusal);
        }

        if (token!.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            await db.PersonalAccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }

        return new(new(token.Id, token.UserId, token.Scope, token.Roles), null);
    }

    /// <summary>Uppercase hex of SHA-256: what the table stores instead of the secret.</summary>
    public static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string SignedIn(Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.UserId ?? throw new UnauthorizedAccessException("Only a signed-in person has access tokens.");
    }
}
