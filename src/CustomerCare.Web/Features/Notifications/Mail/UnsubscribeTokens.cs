using System.Security.Cryptography;
using CustomerCare.Data.Entities;
using Microsoft.AspNetCore.DataProtection;

namespace CustomerCare.Web.Features.Notifications.Mail;

/// <summary>What an unsubscribe link stops: one kind of mail, the daily digest, or every notification mail.</summary>
public sealed record UnsubscribeScope(string UserId, string What)
{
    public const string Digest = "digest";
    public const string All = "all";

    public NotificationKind? Kind => Enum.TryParse<NotificationKind>(What, out var kind) ? kind : null;

    public static UnsubscribeScope For(string userId, NotificationKind kind) => new(userId, kind.ToString());
}

/// <summary>
/// The link's token is the authorization: signed and encrypted by Data Protection (keys in the database, shared by
/// every server) under its own purpose, so it cannot be forged, altered or reused for anything else; it expires.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection, MailLinks links)
{
    public const string Purpose = "CustomerCare.Mail.Unsubscribe.v1";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public string Create(UnsubscribeScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return protector.Protect($"{scope.UserId}\n{scope.What}", Lifetime);
    }

    public string Url(UnsubscribeScope scope) => links.Absolute("unsubscribe?token=" + Uri.EscapeDataString(Create(scope)));

    /// <summary>The scope, or null when the token is missing, altered, foreign or expired.</summary>
    public UnsubscribeScope? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(token).Split('\n');
            var scope = parts.Length == 2 ? new UnsubscribeScope(parts[0], parts[1]) : null;
            return scope is not null && (scope.Kind is not null || scope.What is UnsubscribeScope.Digest or UnsubscribeScope.All) ? scope : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
