using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Components.Shared;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Tests.Component.Complaints;

/// <summary>Filing a complaint: the limits of the form are told at the fields and at the button, and nothing typed is lost.</summary>
public sealed class FileComplaintPageTests : ComponentTestContext
{
    private readonly string userId;

    public FileComplaintPageTests()
    {
        UseDatabase();
        userId = SeedUserAsync("Clara Schmidt", Roles.CustomerId).GetAwaiter().GetResult();
        SignIn(userId, Roles.Customer);
    }

    [Fact]
    public async Task A_new_account_at_its_limit_is_told_how_long_to_wait_and_keeps_what_it_typed()
    {
        var limit = new RateLimitOptions().Complaints.NewAccount;
        for (var i = 0; i < limit; i++)
        {
            await SeedComplaintAsync(userId, $"Earlier complaint {i}", minutesAgo: i);
        }

        var page = Render<FileComplaintPage>();
        await page.InvokeAsync(() => page.Find("[data-testid=mood-angry]").ClickAsync(new()));
        await page.InvokeAsync(() => page.Find("[data-testid=complaint-title] input, input[data-testid=complaint-title]").InputAsync(new ChangeEventArgs { Value = "Meter read twice" }));
        await page.InvokeAsync(() => page.Find("textarea").InputAsync(new ChangeEventArgs { Value = "The bill counts March twice." }));
        await page.InvokeAsync(() => page.Find("[data-testid=complaint-reference] input, input[data-testid=complaint-reference]").InputAsync(new ChangeEventArgs { Value = "R-2026-0042" }));

        await page.InvokeAsync(() => page.Find("[data-testid=complaint-submit]").ClickAsync(new()));

        page.WaitForAssertion(() => Assert.StartsWith(
            "You have filed several complaints in a short time. Please wait about ",
            page.Find("[data-testid=complaint-limit]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal("The bill counts March twice.", page.FindComponent<MarkdownField>().Instance.Value);
        Assert.Equal("Meter read twice", page.Find("[data-testid=complaint-title] input, input[data-testid=complaint-title]").GetAttribute("value"));
        Assert.Equal("R-2026-0042", page.Find("[data-testid=complaint-reference] input, input[data-testid=complaint-reference]").GetAttribute("value"));
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        Assert.Equal(limit, await db.Posts.CountAsync(p => p.AuthorId == userId && p.Kind == PostKind.Complaint, Ct));
    }

    [Fact]
    public async Task A_title_of_zero_width_spaces_is_told_to_need_characters_like_an_empty_one()
    {
        var page = Render<FileComplaintPage>();

        await page.InvokeAsync(() => page.Find("[data-testid=complaint-title] input, input[data-testid=complaint-title]")
            .InputAsync(new ChangeEventArgs { Value = new string('\u200B', 20) }));

        page.WaitForAssertion(() => Assert.Contains("The title needs 5 to 120 characters.", page.Markup, StringComparison.Ordinal));
    }
}
