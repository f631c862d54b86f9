using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Seeding;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

/// <summary>A customer follows an idea; staff answer in another browser; the customer's bell rings without a reload.</summary>
[Collection(BrowserTests.Name)]
public sealed class NotificationBellBrowserTests(BrowserFixture browser)
{
    private const string Composer = "[data-testid=composer] textarea:visible";

    private const string Bell = ".cc-appbar [data-testid=notification-link]";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_customers_bell_rises_live_when_staff_reply_to_a_followed_idea_and_opens_the_exact_reply()
    {
        var clara = await ViewerAsync(DemoAccounts.Customer);
        var (ideaId, title) = await AnIdeaClaraDoesNotFollowAsync(clara.UserId!);
        // Other browser tests may have left Clara notifications; this one starts from a quiet bell.
        await browser.Portal.Services.GetRequiredService<NotificationInbox>().MarkAllReadAsync(clara, Ct);
        var customer = await browser.OpenPageAsync();
        await customer.SignInAsync(DemoAccounts.Customer);
        await customer.GotoAsync($"/posts/{ideaId}");
        await customer.WaitForCircuitAsync();
        await customer.GetByTestId("follow-toggle").ClickAsync();
        await Expect(customer.GetByTestId("follow-toggle")).ToHaveTextAsync("Unfollow");
        await customer.GotoAsync("/");
        await customer.WaitForCircuitAsync();
        await Expect(customer.Locator(Bell)).ToHaveAttributeAsync("data-unread", "0");
        var navigations = 0;
        customer.FrameNavigated += (_, _) => navigations++;

        var staff = await browser.OpenPageAsync();
        await staff.SignInAsync(DemoAccounts.Staff);
        await staff.GotoAsync($"/posts/{ideaId}");
        await staff.WaitForCircuitAsync();
        var text = $"We have put it on the list ({Guid.NewGuid():N}).";
        await staff.Locator(Composer).FillAsync(text);
        await staff.GetByTestId("composer-submit").ClickAsync();
        var sent = staff.Locator("[data-testid=reply]", new() { HasText = text });
        await Expect(sent).ToBeVisibleAsync();
        var replyId = await sent.GetAttributeAsync("data-reply-id");

        await Expect(customer.Locator(Bell)).ToHaveAttributeAsync("data-unread", "1", new() { Timeout = 5_000 });
        await Expect(customer.Locator(".cc-appbar [data-testid=notification-bell] .cc-badge")).ToHaveTextAsync("1");
        Assert.Equal(0, navigations);

        await customer.Locator(Bell).ClickAsync();
        var item = customer.Locator("[data-testid=notification]", new() { HasText = title });
        await Expect(item).ToHaveAttributeAsync("data-read", "false");
        await Expect(item.GetByTestId("notification-link")).ToHaveTextAsync($"Anna Berger replied to “{title}”");
        await item.GetByTestId("notification-link").ClickAsync();

        await customer.WaitForURLAsync($"**/posts/{ideaId}#reply-{replyId}");
        await customer.WaitForCircuitAsync();
        await Expect(customer.Locator($"#reply-{replyId}")).ToBeInViewportAsync();
        await Expect(customer.Locator($"#reply-{replyId}")).ToContainTextAsync(text);
        await Expect(customer.Locator(Bell)).ToHaveAttributeAsync("data-unread", "0");
        await Expect(customer.Locator(".cc-appbar [data-testid=notification-bell] .cc-badge")).ToHaveCountAsync(0);
    }

    private async Task<Viewer> ViewerAsync(DemoAccount account)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var id = await db.Users.Where(u => u.Email == account.Email).Select(u => u.Id).SingleAsync(Ct);
        return new Viewer(id, IsStaff: false, IsProductOwner: false, IsAdmin: false);
    }

    // Open, not hers, neither voted for nor followed: only the follow made here can bring her the reply.
    private async Task<(int Id, string Title)> AnIdeaClaraDoesNotFollowAsync(string claraId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var idea = await db.Posts.AsNoTracking()
            .Where(p => p.Kind == PostKind.Idea && p.Status == PostStatus.Open && p.RemovedAt == null && p.MergedIntoId == null
                && p.AuthorId != claraId
                && !db.PostFollows.Any(f => f.PostId == p.Id && f.UserId == claraId)
                && !db.Votes.Any(v => v.PostId == p.Id && v.UserId == claraId))
            .OrderByDescending(p => p.Id)
            .Select(p => new { p.Id, p.Title })
            .FirstAsync(Ct);
        return (idea.Id, idea.Title);
    }

    private IDbContextFactory<CareDb> Dbs => browser.Portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();
}
