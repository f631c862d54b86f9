using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Notifications;

/// <summary>The reader's list: newest first, each opening the exact place, marking read, paging, live.</summary>
public sealed class NotificationsPageTests : ComponentTestContext
{
    private string reader = "";

    public NotificationsPageTests() => UseDatabase();

    [Fact]
    public async Task The_list_is_newest_first_and_a_link_opens_the_exact_reply_and_reads_it()
    {
        await SignInReaderAsync();
        var older = await SeedIdeaAsync("Read the meter by photo");
        var newer = await SeedIdeaAsync("Pay by direct debit");
        var staff = await SeedUserAsync("Anna Berger", Roles.StaffId);
        var replyId = await AddReplyAsync(newer, staff);
        await NotificationSeeding.AddAsync(Dbs, reader, older, 1, Ct);
        var opened = (await NotificationSeeding.AddAsync(Dbs, reader, newer, 1, Ct, replyId, staff))[0];

        var page = Render<NotificationsPage>();

        var links = page.FindAll("[data-testid=notification] a[data-testid=notification-link]");
        Assert.Equal(["Anna Berger replied to “Pay by direct debit”", "Someone replied to “Read the meter by photo”"], links.Select(a => a.TextContent.Trim()));
        Assert.Equal($"/notifications/open/{opened}", links[0].GetAttribute("href"));

        Render<NotificationOpen>(p => p.Add(o => o.Id, opened));

        Assert.EndsWith($"/posts/{newer}#reply-{replyId}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal(["true", "false"], page.FindAll("[data-testid=notification]").Select(n => n.GetAttribute("data-read"))));
    }

    [Fact]
    public async Task Someone_elses_notification_does_not_open_and_stays_unread()
    {
        await SignInReaderAsync();
        var other = await SeedUserAsync("Otto", Roles.CustomerId);
        var idea = await SeedIdeaAsync();
        var theirs = (await NotificationSeeding.AddAsync(Dbs, other, idea, 1, Ct))[0];

        Render<NotificationOpen>(p => p.Add(o => o.Id, theirs));

        Assert.EndsWith("/notifications", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        Assert.Null(await db.Notifications.Where(n => n.Id == theirs).Select(n => n.ReadAt).SingleAsync(Ct));
    }

    [Fact]
    public async Task Mark_read_and_mark_all_read_change_the_list_and_the_bells_count()
    {
        await SignInReaderAsync();
        var idea = await SeedIdeaAsync();
        await NotificationSeeding.AddAsync(Dbs, reader, idea, 3, Ct);
        var bell = Render<NotificationBell>();
        var page = Render<NotificationsPage>();
        Assert.Equal("3", bell.Find("[data-testid=notification-link]").GetAttribute("data-unread"));

        await page.FindAll("[data-testid=notification-mark-read]")[0].ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(["true", "false", "false"], ReadStates(page)));
        bell.WaitForAssertion(() => Assert.Equal("2", bell.Find("[data-testid=notification-link]").GetAttribute("data-unread")));
        Assert.Equal(2, page.FindAll("[data-testid=notification-mark-read]").Count);

        await page.Find("[data-testid=notifications-mark-all]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(["true", "true", "true"], ReadStates(page)));
        bell.WaitForAssertion(() => Assert.Equal("0", bell.Find("[data-testid=notification-link]").GetAttribute("data-unread")));
        Assert.Empty(page.FindAll("[data-testid=notifications-mark-all]"));
        Assert.Empty(page.FindAll("[data-testid=notification-mark-read]"));
    }

    [Fact]
    public async Task Load_more_shows_older_ones_and_a_new_one_arriving_live_keeps_them()
    {
        await SignInReaderAsync();
        var idea = await SeedIdeaAsync();
        var ids = await NotificationSeeding.AddAsync(Dbs, reader, idea, NotificationInbox.PageSize + 5, Ct);
        var page = Render<NotificationsPage>();
        Assert.Equal(NotificationInbox.PageSize, page.FindAll("[data-testid=notification]").Count);

        await page.Find("[data-testid=notifications-more]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(ids.OrderDescending().Select(Href), Hrefs(page)));
        Assert.Empty(page.FindAll("[data-testid=notifications-more]"));

        var newest = (await NotificationSeeding.AddAsync(Dbs, reader, idea, 1, Ct))[0];
        await Services.GetRequiredService<ILiveBus>().PublishAsync(new NotificationsChanged(reader, ids.Count + 1, DateTime.UtcNow), Ct);

        page.WaitForAssertion(() => Assert.Equal(ids.Append(newest).OrderDescending().Select(Href), Hrefs(page)));
    }

    [Fact]
    public async Task An_older_unread_notification_beyond_the_first_page_still_offers_mark_all_read()
    {
        await SignInReaderAsync();
        var idea = await SeedIdeaAsync();
        var ids = await NotificationSeeding.AddAsync(Dbs, reader, idea, NotificationInbox.PageSize + 1, Ct);
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            var firstPage = ids.Skip(1).ToList();
            await db.Notifications.Where(n => firstPage.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, DateTime.UtcNow), Ct);
        }

        var page = Render<NotificationsPage>();

        Assert.DoesNotContain("false", ReadStates(page));
        await page.Find("[data-testid=notifications-mark-all]").ClickAsync(new());
        await using var check = await Dbs.CreateDbContextAsync(Ct);
        Assert.False(await check.Notifications.AnyAsync(n => n.UserId == reader && n.ReadAt == null, Ct));
    }

    [Fact]
    public async Task An_empty_list_says_so_and_offers_nothing_to_mark()
    {
        await SignInReaderAsync();

        var page = Render<NotificationsPage>();

        Assert.NotEmpty(page.FindAll("[data-testid=notifications-empty]"));
        Assert.Empty(page.FindAll("[data-testid=notifications-mark-all]"));
        Assert.Empty(page.FindAll("[data-testid=notifications-more]"));
    }

    private async Task SignInReaderAsync()
    {
        reader = await SeedUserAsync("Clara", Roles.CustomerId);
        SignIn(reader, Roles.Customer);
    }

    private async Task<long> AddReplyAsync(int postId, string authorId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var reply = new Reply { PostId = postId, AuthorId = authorId, Body = "We are on it.", CreatedAt = DateTime.UtcNow };
        db.Replies.Add(reply);
        await db.SaveChangesAsync(Ct);
        return reply.Id;
    }

    private static string Href(long id) => $"/notifications/open/{id}";

    private static List<string?> Hrefs(IRenderedComponent<NotificationsPage> page) =>
        [.. page.FindAll("[data-testid=notification] a[data-testid=notification-link]").Select(a => a.GetAttribute("href"))];

    private static List<string?> ReadStates(IRenderedComponent<NotificationsPage> page) =>
        [.. page.FindAll("[data-testid=notification]").Select(n => n.GetAttribute("data-read"))];
}
