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

    [Fact]
    public void Visibility_is_a_labelled_choice_of_two_with_only_me_and_the_team_chosen()
    {
        var page = Render<FileComplaintPage>();

        var group = page.Find("[data-testid=complaint-visibility]");
        Assert.Equal("Who can see your complaint?", group.QuerySelector("legend")!.TextContent.Trim());
        Assert.Equal("Who can see your complaint?", group.QuerySelector("[role=radiogroup]")!.GetAttribute("aria-label"));
        var radios = group.QuerySelectorAll("input[type=radio]");
        Assert.Equal(2, radios.Length);
        Assert.Equal("Only me and the team", page.Find("[data-testid=complaint-visibility-private]").Closest("label")!.TextContent.Trim());
        Assert.Equal("Everyone can see and support it", page.Find("[data-testid=complaint-visibility-public]").Closest("label")!.TextContent.Trim());
        Assert.True(page.Find("input[type=radio][data-testid=complaint-visibility-private]").HasAttribute("checked"));
        Assert.False(page.Find("input[type=radio][data-testid=complaint-visibility-public]").HasAttribute("checked"));
        Assert.Empty(page.FindAll("[data-testid=complaint-public]")); // the old switch is gone
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task The_chosen_visibility_is_the_one_filed(bool choosePublic, bool filedPublic)
    {
        var page = Render<FileComplaintPage>();
        if (choosePublic)
        {
            await page.InvokeAsync(() => page.Find("input[type=radio][data-testid=complaint-visibility-public]").ClickAsync(new()));
            Assert.True(page.Find("input[type=radio][data-testid=complaint-visibility-public]").HasAttribute("checked"));
        }

        await page.InvokeAsync(() => page.Find("[data-testid=mood-unsure]").ClickAsync(new()));
        await page.InvokeAsync(() => page.Find("[data-testid=complaint-title] input, input[data-testid=complaint-title]").InputAsync(new ChangeEventArgs { Value = "Parcel never arrived" }));
        await page.InvokeAsync(() => page.Find("textarea").InputAsync(new ChangeEventArgs { Value = "Ordered on Monday, tracking stops in Kassel." }));
        await page.InvokeAsync(() => page.Find("[data-testid=complaint-submit]").ClickAsync(new()));

        await using var db = await Dbs.CreateDbContextAsync(Ct);
        Assert.Equal(filedPublic, await db.Posts.Where(p => p.Title == "Parcel never arrived").Select(p => p.IsPublic).SingleAsync(Ct));
    }

    [Theory]
    [InlineData("en", "what went wrong", "What happened, since when")]
    [InlineData("de", "was schiefgelaufen ist", "Was ist passiert, seit wann")]
    public void Title_and_text_hints_ask_what_went_wrong_not_what_one_wishes_for(string culture, string titleHint, string bodyHint)
    {
        UseCulture(culture);

        var page = Render<FileComplaintPage>();

        Assert.Contains(titleHint, page.Markup, StringComparison.Ordinal);
        Assert.Contains(bodyHint, page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("wish for", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("wünschen", page.Markup, StringComparison.Ordinal);
    }
}
