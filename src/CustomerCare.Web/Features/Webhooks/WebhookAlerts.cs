using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Notifications.Mail;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Webhooks;

/// <summary>
/// Tells every admin, by mail through the durable outbox, that an endpoint was switched off. A notification in the bell
/// would need a post to point at; this is about the portal itself, so it is a mail to the people who can fix it, with
/// a link to the webhooks page.
/// </summary>
public sealed class WebhookAlerts(IDbContextFactory<CareDb> dbs, MailQueue mail, MailStrings strings, MailLinks links, IOptions<PortalOptions> portal)
{
    public const string PagePath = "admin/webhooks";

    public async Task EndpointDisabledAsync(int endpointId, DateTime disabledAt)
    {
        var ct = CancellationToken.None;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var endpoint = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Id == endpointId)
            .Select(e => new { e.Url, e.DisabledReason }).FirstOrDefaultAsync(ct);
        if (endpoint is null)
        {
            return;
        }

        var admins = await db.Users.AsNoTracking()
            .Where(u => u.Email != null && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == Roles.AdminId))
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Language }).ToListAsync(ct);
        foreach (var admin in admins)
        {
            var culture = MailStrings.CultureFor(admin.Language);
            var (text, html) = MailLayout.Render(
                strings.Get(culture, "Mail_Greeting", admin.DisplayName),
                [new MailSection(null, [strings.Get(culture, "Mail_WebhookDisabled_Text", endpoint.Url), endpoint.DisabledReason ?? ""],
                    strings.Get(culture, "Mail_WebhookDisabled_Link"), links.Absolute(PagePath))],
                new MailFooter(strings.Get(culture, "Mail_Why_Admin", portal.Value.Name)));
            await mail.EnqueueAsync(new(
                $"webhook-disabled:{endpointId}:{disabledAt.Ticks}:{admin.Id}", admin.Id, admin.Email!, admin.DisplayName,
                strings.Get(culture, "Mail_WebhookDisabled_Subject", portal.Value.Name), text, html), ct);
        }
    }
}
