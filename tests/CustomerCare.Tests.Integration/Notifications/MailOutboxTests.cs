using System.Net;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Notifications.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Notifications;

public sealed class MailOutboxTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Enqueueing_the_same_mail_twice_stores_it_once()
    {
        var queue = portal.Services.GetRequiredService<MailQueue>();
        var key = $"test:{Guid.NewGuid():N}";
        var mail = new OutgoingMail(key, null, "someone@example.com", null, "Hello", "Text", "<p>Text</p>");

        var first = await queue.EnqueueAsync(mail, Ct);
        var second = await queue.EnqueueAsync(mail, Ct);

        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        Assert.True(first);
        Assert.False(second);
        Assert.Equal(1, await db.OutboxMails.CountAsync(m => m.DedupKey == key, Ct));
    }

    [Fact]
    public async Task Unsubscribe_link_sets_the_kind_to_never_and_a_tampered_one_changes_nothing()
    {
        var user = await PortalBrowser.CreateUserAsync(portal, PortalBrowser.NewEmail("unsub"));
        var token = portal.Services.GetRequiredService<UnsubscribeTokens>().Create(UnsubscribeScope.For(user.Id, NotificationKind.Reply));
        var tampered = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var client = portal.CreateClient();

        var refused = await client.PostAsync(new Uri("/unsubscribe?token=" + Uri.EscapeDataString(tampered), UriKind.Relative), null, Ct);
        await using (var db = await Db().CreateDbContextAsync(Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("invalid or has expired", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.False(await db.NotificationPreferences.AnyAsync(p => p.UserId == user.Id, Ct));
        }

        using var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        var applied = await client.PostAsync(new Uri("/unsubscribe?token=" + Uri.EscapeDataString(token), UriKind.Relative), oneClick, Ct);
        await using (var db = await Db().CreateDbContextAsync(Ct))
        {
            Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
            var preference = await db.NotificationPreferences.SingleAsync(p => p.UserId == user.Id, Ct);
            Assert.Equal((NotificationKind.Reply, MailDelivery.Never), (preference.Kind, preference.Email));
        }
    }

    private IDbContextFactory<CareDb> Db() => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();
}
