using System.Globalization;
using System.Text.RegularExpressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

/// <summary>
/// A body at the stated limit of 10,000 characters (UTF-16 code units, as the counter, the browser's maxlength and the
/// services count) goes through, whatever it is made of: CJK (3 bytes each in the circuit's message), quotes and
/// backslashes (escaped in its JSON, 2 bytes each), emoji (surrogate pairs: 5,000 of them are 10,000 units). The field's
/// counter is drawn by the server, so "10000 / 10000" proves the circuit took the whole text; the 32 KB default used to
/// drop the connection instead and leave the form claiming "0 / 10000" with the box full.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class LongTextBrowserTests(BrowserFixture browser)
{
    public static readonly IReadOnlyList<(string Name, string Text)> FullBodies =
    [
        ("CJK", string.Concat(Enumerable.Repeat("中文字", 3_334))[..10_000]),
        ("quotes", new string('"', 10_000)),
        ("emoji", string.Concat(Enumerable.Repeat("😀", 5_000))),
        ("backslashes", new string('\\', 10_000)),
    ];

    private const string Counter = "10000 / 10000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_body_of_any_kind_goes_through_proposing_an_idea()
    {
        var page = await SignedInPageAsync();
        foreach (var (name, text) in FullBodies)
        {
            var title = $"A full {name} body {Guid.NewGuid():N}"[..36];
            await OpenFormAsync(page, "/ideas/new");
            await page.Locator("input[data-testid=propose-title], [data-testid=propose-title] input").First.FillAsync(title);
            await page.Locator("[data-testid=propose-body-tabs] textarea").First.FillAsync(text);
            await Expect(page.GetByTestId("propose-body-tabs")).ToContainTextAsync(Counter);

            await page.GetByTestId("propose-submit").ClickAsync();

            await Expect(page).ToHaveURLAsync(PostUrl());
            await Expect(page.Locator("h1")).ToHaveTextAsync(title);
            Assert.Equal(text, await BodyOfAsync(title));
        }
    }

    [Fact]
    public async Task A_full_body_of_any_kind_goes_through_filing_a_complaint()
    {
        var page = await SignedInPageAsync();
        var staff = await browser.Portal.AddPersonAsync(Roles.Staff, ct: Ct);
        foreach (var (name, text) in FullBodies)
        {
            var title = $"A full {name} complaint {Guid.NewGuid():N}"[..40];
            await OpenFormAsync(page, "/complaints/new");
            await page.GetByTestId("mood-angry").ClickAsync();
            await page.Locator("input[data-testid=complaint-title], [data-testid=complaint-title] input").First.FillAsync(title);
            await page.Locator("[data-testid=complaint-body-tabs] textarea").First.FillAsync(text);
            await Expect(page.GetByTestId("complaint-body-tabs")).ToContainTextAsync(Counter);

            await page.GetByTestId("complaint-submit").ClickAsync();

            await Expect(page).ToHaveURLAsync(PostUrl());
            await Expect(page.Locator("h1")).ToHaveTextAsync(title);
            Assert.Equal(text, await BodyOfAsync(title));

            // Answered, so the shared portal's desk has no customer waiting because of this test.
            var answered = await browser.Portal.Services.GetRequiredService<ThreadService>()
                .ReplyAsync(int.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture), null, "Thank you, we are on it.", false, staff.Viewer, Ct);
            Assert.True(answered.Succeeded, answered.Outcome.ToString());
        }
    }

    [Fact]
    public async Task A_full_reply_of_any_kind_goes_through_and_the_thread_shows_it()
    {
        var author = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var ideaId = await browser.Portal.ProposeIdeaAsync(author, ct: Ct);
        var page = await SignedInPageAsync();
        await OpenFormAsync(page, $"/posts/{ideaId}");
        var sent = 0;
        foreach (var (_, text) in FullBodies)
        {
            var composer = page.Locator("[data-testid=composer] textarea:visible");
            await composer.FillAsync(text);
            await Expect(page.GetByTestId("composer")).ToContainTextAsync(Counter);

            await page.GetByTestId("composer-submit").ClickAsync();

            // Cleared once sent, on the same page: the circuit that took the text is the one that answers.
            await Expect(composer).ToHaveValueAsync("");
            await Expect(page.Locator("[data-testid=reply]")).ToHaveCountAsync(++sent);
            Assert.Equal(text, await LatestReplyAsync(ideaId));
        }

        await Expect(page.Locator(".cc-layout[data-interactive=true]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_largest_message_a_field_can_send_arrives_whole_and_text_that_shows_nothing_cannot_be_sent()
    {
        var author = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var ideaId = await browser.Portal.ProposeIdeaAsync(author, ct: Ct);
        var page = await SignedInPageAsync();
        await OpenFormAsync(page, $"/posts/{ideaId}");
        var composer = page.Locator("[data-testid=composer] textarea:visible");

        // 10,000 control characters: 6 bytes each in JSON ("\u0001"), twice in the input event, about 120,000 bytes.
        await composer.EvaluateAsync("(box) => { box.value = '\\u0001'.repeat(10000); box.dispatchEvent(new Event('input', { bubbles: true })); }");

        // The server's counter has all 10,000, and the circuit, which judged them, offers nothing to send.
        await Expect(page.GetByTestId("composer")).ToContainTextAsync(Counter);
        await Expect(page.GetByTestId("composer-submit")).ToBeDisabledAsync();
        await Expect(page.Locator(".cc-layout[data-interactive=true]")).ToBeVisibleAsync();
        Assert.Equal(10_000, await composer.EvaluateAsync<int>("(box) => box.value.length"));
    }

    private async Task<IPage> SignedInPageAsync()
    {
        var person = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var page = await browser.OpenPageAsync();
        await page.SignInAsync(person);
        return page;
    }

    private static async Task OpenFormAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForCircuitAsync();
    }

    private async Task<string> BodyOfAsync(string title)
    {
        await using var db = await browser.Portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        return await db.Posts.Where(p => p.Title == title).Select(p => p.Body).SingleAsync(Ct);
    }

    private async Task<string> LatestReplyAsync(int ideaId)
    {
        await using var db = await browser.Portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        return await db.Replies.Where(r => r.PostId == ideaId).OrderByDescending(r => r.Id).Select(r => r.Body).FirstAsync(Ct);
    }

    [GeneratedRegex(@"/posts/\d+$")]
    private static partial Regex PostUrl();
}
