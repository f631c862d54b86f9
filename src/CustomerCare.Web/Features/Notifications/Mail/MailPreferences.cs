using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Notifications.Mail;

/// <summary>One person's mail choices: per kind how (no row = the kind's default), and the mail language.</summary>
public sealed record MailChoices(IReadOnlyDictionary<NotificationKind, MailDelivery> ByKind, string Language);

/// <summary>Reads and saves the mail choices; the unsubscribe link and the settings page both write through here.</summary>
public sealed class MailPreferences(IDbContextFactory<CareDb> dbs)
{
    public async Task<MailChoices> GetAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var stored = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, p => p.Email, ct);
        var language = await db.Users.Where(u => u.Id == userId).Select(u => u.Language).FirstOrDefaultAsync(ct);
        return new(
            Enum.GetValues<NotificationKind>().ToDictionary(k => k, k => stored.TryGetValue(k, out var e) ? e : NotificationMailer.DefaultFor(k)),
            MailStrings.CultureFor(language).Name);
    }

    /// <summary>Saves every kind's choice and the language; false when the account no longer exists.</summary>
    public async Task<bool> SaveAsync(string userId, MailChoices choices, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var language = HostingExtensions.Cultures.Contains(choices.Language) ? choices.Language : HostingExtensions.Cultures[0];
        await using var db = await dbs.CreateDbContextAsync(ct);
        var changed = await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language), ct);
        if (changed == 0)
        {
            return false;
        }

        await SetAsync(db, userId, choices.ByKind, ct);
        return true;
    }

    /// <summary>Applies an unsubscribe link: Never for its kind, for every kind now sent as a digest, or for all kinds.</summary>
    public async Task<bool> UnsubscribeAsync(UnsubscribeScope scope, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var current = await GetAsync(scope.UserId, ct);
        var stop = current.ByKind.Keys.Where(k => scope.What switch
        {
            UnsubscribeScope.All => true,
            UnsubscribeScope.Digest => current.ByKind[k] == MailDelivery.DailyDigest,
            _ => k == scope.Kind,
        }).ToDictionary(k => k, _ => MailDelivery.Never);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == scope.UserId, ct))
        {
            return false;
        }

        await SetAsync(db, scope.UserId, stop, ct);
        return true;
    }

    private static async Task SetAsync(CareDb db, string userId, IReadOnlyDictionary<NotificationKind, MailDelivery> choices, CancellationToken ct)
    {
        var rows = await db.NotificationPreferences.Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, ct);
        foreach (var (kind, email) in choices)
        {
            if (rows.TryGetValue(kind, out var row))
            {
                row.Email = email;
            }
            else
            {
                db.NotificationPreferences.Add(new NotificationPreference { UserId = userId, Kind = kind, Email = email });
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
