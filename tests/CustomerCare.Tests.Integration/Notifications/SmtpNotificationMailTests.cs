using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Notifications.Mail;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Roadmap;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Tests.Integration.Notifications;

/// <summary>
/// Notification mails as people receive them: the portal's own background sender delivers over SMTP to a real server;
/// the tests read what arrived (envelope, headers, text and HTML parts) and follow its links.
/// </summary>
public abstract partial class SmtpNotificationMailTests(SmtpPortalFactory portal)
{
    private readonly SmtpTesting mail = new(portal);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_staff_reply_mails_each_confirmed_follower_in_their_language_with_a_link_to_the_reply_and_nobody_else()
    {
        var author = await mail.AddPersonAsync(Roles.Customer, "en", Ct);
        var german = await mail.AddPersonAsync(Roles.Customer, "de", Ct);
        var unconfirmed = await mail.AddPersonAsync(Roles.Customer, "en", Ct, confirmed: false);
        var staff = await mail.AddPersonAsync(Roles.Staff, "en", Ct, name: "Sam Staff");
        var title = NewTitle("Invoices as CSV");
        var idea = await ProposeAsync(title, author);
        Assert.True(await mail.Get<FollowService>().SetPostAsync(idea, true, german.Viewer, Ct));
        Assert.True(await mail.Get<FollowService>().SetPostAsync(idea, true, unconfirmed.Viewer, Ct));

        var reply = (await mail.Get<ThreadService>().ReplyAsync(idea, null, "It is on our list.", false, staff.Viewer, Ct)).Reply!;

        var english = await portal.Smtp.WaitForAsync(author.Email, Ct);
        var deutsch = await portal.Smtp.WaitForAsync(german.Email, Ct);
        // One more cycle of our own settles anything the background sender had not reached yet.
        await mail.CycleAsync(TimeProvider.System, Ct);
        var link = $"{SmtpPortalFactory.PublicUrl}/posts/{idea}#reply-{reply.Id}";
        Assert.Equal($"Sam Staff replied to “{title}”", english.Message.Subject);
        Assert.Equal($"Sam Staff hat auf „{title}“ geantwortet", deutsch.Message.Subject);
        Assert.Contains("Open the conversation: " + link, english.Text, StringComparison.Ordinal);
        Assert.Contains("Zum Gespräch: " + link, deutsch.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", english.Html, StringComparison.Ordinal);
        Assert.Contains("Stop these mails", english.Text, StringComparison.Ordinal);
        Assert.Contains("Diese Mails abbestellen", deutsch.Text, StringComparison.Ordinal);
        Assert.Equal(SmtpPortalFactory.FromAddress, english.EnvelopeFrom);
        Assert.Equal([author.Email], english.EnvelopeTo);
        Assert.Single(portal.Smtp.ReceivedBy(author.Email));
        Assert.Single(portal.Smtp.ReceivedBy(german.Email));
        Assert.Empty(portal.Smtp.ReceivedBy(staff.Email));
        Assert.Empty(portal.Smtp.ReceivedBy(unconfirmed.Email));
        Assert.Empty(await mail.OutboxToAsync(unconfirmed.Email, Ct));
    }

    [Fact]
    public async Task The_mails_unsubscribe_link_stops_that_kind_after_a_page_and_a_one_click_post_and_a_tampered_one_changes_nothing()
    {
        var author = await mail.AddPersonAsync(Roles.Customer, "en", Ct);
        var staff = await mail.AddPersonAsync(Roles.Staff, "en", Ct);
        var idea = await ProposeAsync(NewTitle("Dark mode"), author);
        await mail.Get<ThreadService>().ReplyAsync(idea, null, "Good idea.", false, staff.Viewer, Ct);

        var received = await portal.Smtp.WaitForAsync(author.Email, Ct);
        var header = received.Message.Headers["List-Unsubscribe"]!;
        var url = new Uri(header.Trim('<', '>'));
        using var client = portal.CreateClient();
        var tampered = url.PathAndQuery[..^6] + (url.PathAndQuery.EndsWith("AAAAAA", StringComparison.Ordinal) ? "BBBBBB" : "AAAAAA");

        var refused = await client.PostAsync(new Uri(tampered, UriKind.Relative), null, Ct);
        var refusedText = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("This unsubscribe link is invalid or has expired. Nothing was changed.", refusedText, StringComparison.Ordinal);
        Assert.Null(await mail.StoredDeliveryAsync(author.Id, NotificationKind.Reply, Ct));

        var page = await client.GetAsync(new Uri(url.PathAndQuery, UriKind.Relative), Ct);
        var pageText = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("You will get no mails any more about replies on what you follow.", pageText, StringComparison.Ordinal);
        Assert.Null(await mail.StoredDeliveryAsync(author.Id, NotificationKind.Reply, Ct));

        using var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        var applied = await client.PostAsync(new Uri(url.PathAndQuery, UriKind.Relative), oneClick, Ct);
        await mail.Get<ThreadService>().ReplyAsync(idea, null, "Planned for spring.", false, staff.Viewer, Ct);
        await mail.CycleAsync(TimeProvider.System, Ct);

        Assert.Equal(SmtpPortalFactory.PublicUrl, url.GetLeftPart(UriPartial.Authority));
        Assert.Equal(UnsubscribeEndpoints.Path, url.AbsolutePath);
        Assert.Equal("List-Unsubscribe=One-Click", received.Message.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("Stop these mails: " + url.AbsoluteUri, received.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(MailDelivery.Never, await mail.StoredDeliveryAsync(author.Id, NotificationKind.Reply, Ct));
        Assert.Equal(2, await mail.Get<NotificationInbox>().CountUnreadAsync(author.Viewer, Ct));
        Assert.Single(portal.Smtp.ReceivedBy(author.Email));
    }

    [Fact]
    public async Task Status_change_and_shipping_mails_say_what_happened_with_the_owners_note_in_text_and_encoded_html()
    {
        var author = await mail.AddPersonAsync(Roles.Customer, "en", Ct, name: "Ada Author");
        var voter = await mail.AddPersonAsync(Roles.Customer, "en", Ct);
        var german = await mail.AddPersonAsync(Roles.Customer, "de", Ct);
        var owner = await mail.AddPersonAsync(Roles.ProductOwner, "en", Ct);
        var title = NewTitle("CSV <export> & more");
        var idea = await ProposeAsync(title, author);
        await mail.Get<VoteService>().ToggleAsync(idea, voter.Viewer, Ct);
        await mail.Get<VoteService>().ToggleAsync(idea, german.Viewer, Ct);

        await mail.Get<StatusDecisionService>().ChangeStatusAsync(idea, PostStatus.Planned, null, null, owner.Viewer, Ct);
        var planned = await portal.Smtp.WaitForAsync(voter.Email, Ct);
        await mail.Get<StatusDecisionService>().ChangeStatusAsync(idea, PostStatus.Shipped, "Find it under Export > CSV.", "3.2", owner.Viewer, Ct);
        var shipped = await WaitForSecondAsync(voter.Email);
        var versandt = await WaitForSecondAsync(german.Email);

        Assert.Equal($"“{title}” is now: Planned", planned.Message.Subject);
        Assert.Equal($"Shipped in 3.2: {title} — idea by Ada Author", shipped.Message.Subject);
        Assert.StartsWith("Ausgeliefert in 3.2: " + title, versandt.Message.Subject, StringComparison.Ordinal);
        Assert.Contains($"Shipped in 3.2: {title} — idea by Ada Author\n\nFind it under Export > CSV.", shipped.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Find it under Export &gt; CSV.", shipped.Html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(title), shipped.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<export>", shipped.Html, StringComparison.Ordinal);
        Assert.Contains($"{SmtpPortalFactory.PublicUrl}/posts/{idea}", shipped.Text, StringComparison.Ordinal);
        Assert.Contains("ideas you voted for or follow being shipped", shipped.Text, StringComparison.Ordinal);
        Assert.Contains("Does this solve it for you?", shipped.Text, StringComparison.Ordinal);
        Assert.Contains($"{SmtpPortalFactory.PublicUrl}/posts/{idea}?solves=yes#solves", shipped.Text, StringComparison.Ordinal);
        Assert.Contains($"{SmtpPortalFactory.PublicUrl}/posts/{idea}?solves=no#solves", shipped.Text, StringComparison.Ordinal);
        Assert.Contains("Löst das Ihr Problem?", versandt.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("solves=", planned.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idea_of_a_deleted_account_ships_with_mails_and_bell_naming_a_former_customer_in_each_readers_language()
    {
        var author = await mail.AddPersonAsync(Roles.Customer, "en", Ct, name: "Dora Deleted");
        var voter = await mail.AddPersonAsync(Roles.Customer, "en", Ct);
        var german = await mail.AddPersonAsync(Roles.Customer, "de", Ct);
        var owner = await mail.AddPersonAsync(Roles.ProductOwner, "en", Ct);
        var admin = await mail.AddPersonAsync(Roles.Admin, "en", Ct);
        var title = NewTitle("Meter photo");
        var idea = await ProposeAsync(title, author);
        await mail.Get<VoteService>().ToggleAsync(idea, voter.Viewer, Ct);
        await mail.Get<VoteService>().ToggleAsync(idea, german.Viewer, Ct);
        Assert.True((await mail.Get<AccountDeletion>().DeleteForAsync(author.Id, "Asked by letter.", [], admin.Viewer, Ct)).Succeeded);

        await mail.Get<StatusDecisionService>().ChangeStatusAsync(idea, PostStatus.Shipped, null, "3.3", owner.Viewer, Ct);
        var shipped = await portal.Smtp.WaitForAsync(voter.Email, Ct);
        var versandt = await portal.Smtp.WaitForAsync(german.Email, Ct);
        var bell = (await mail.Get<NotificationInbox>().ListAsync(german.Viewer, ct: Ct)).Items.Single(i => i.Facts.PostId == idea);

        Assert.Equal($"Shipped in 3.3: {title} — idea by Former customer", shipped.Message.Subject);
        Assert.Equal($"Ausgeliefert in 3.3: {title} — Idee von Ehemaliger Kunde", versandt.Message.Subject);
        Assert.Contains("Idee von Ehemaliger Kunde", versandt.Text, StringComparison.Ordinal);
        Assert.Contains("Idee von Ehemaliger Kunde", versandt.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Former customer", versandt.Text + versandt.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Dora Deleted", shipped.Text + versandt.Text, StringComparison.Ordinal);
        Assert.Equal($"Ausgeliefert in 3.3: {title} — Idee von Ehemaliger Kunde",
            NotificationText.Render(bell.Facts, CultureInfo.GetCultureInfo("de")).Text);
    }

    [Fact]
    public async Task Password_reset_through_the_forgot_password_page_arrives_over_smtp_with_a_working_absolute_link()
    {
        var email = PortalBrowser.NewEmail("reset");
        await PortalBrowser.CreateUserAsync(portal, email);
        using var browser = new PortalBrowser(portal);

        await browser.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        var received = await portal.Smtp.WaitForAsync(email, Ct);
        var link = new Uri(ResetLinkRegex().Match(received.Text).Value);
        var reset = await browser.SubmitAsync(link.PathAndQuery, "reset-password", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "Blossom2026",
            ["Input.ConfirmPassword"] = "Blossom2026",
        });

        Assert.Equal("CustomerCare: reset your password", received.Message.Subject);
        Assert.Equal(SmtpPortalFactory.PublicUrl + "/Account/ResetPassword", link.GetLeftPart(UriPartial.Path));
        Assert.Contains($"href=\"{WebUtility.HtmlEncode(link.AbsoluteUri)}\"", received.Html, StringComparison.Ordinal);
        Assert.Null(received.Message.Headers["List-Unsubscribe"]);
        Assert.Equal("/Account/ResetPasswordConfirmation", reset.Location);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email, "Blossom2026")).Status);
    }

    private async Task<int> ProposeAsync(string title, Person author) =>
        (await mail.Get<IdeaService>().ProposeAsync(new(title, "Written by a mail test.", null), author.Viewer, Ct)).PostId!.Value;

    private async Task<ReceivedMail> WaitForSecondAsync(string address)
    {
        for (var deadline = DateTime.UtcNow + TestTimeouts.Wait; DateTime.UtcNow < deadline; await Task.Delay(100, Ct))
        {
            if (portal.Smtp.ReceivedBy(address) is [_, var second, ..])
            {
                return second;
            }
        }

        Assert.Fail($"No second mail for {address} arrived.");
        return null!;
    }

    private static string NewTitle(string start) => $"{start} {Guid.NewGuid().ToString("N")[..6]}";

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\?code=[A-Za-z0-9_\-]+")]
    private static partial Regex ResetLinkRegex();
}

public sealed class SqliteSmtpNotificationMailTests(SqliteSmtpPortal portal) : SmtpNotificationMailTests(portal), IClassFixture<SqliteSmtpPortal>;

public sealed class PostgresSmtpNotificationMailTests(PostgresSmtpPortal portal) : SmtpNotificationMailTests(portal), IClassFixture<PostgresSmtpPortal>;
