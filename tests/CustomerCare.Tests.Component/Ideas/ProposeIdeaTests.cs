using System.Security.Claims;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Ideas;

/// <summary>The propose page tells its rules at the fields, previews safely, offers similar ideas and loses nothing.</summary>
public sealed class ProposeIdeaTests : ComponentTestContext
{
    private readonly string userId;

    public ProposeIdeaTests()
    {
        // UseDatabase resolves the factory, after which bUnit takes no more registrations.
        Services.AddSingleton<PostService>();
        Services.AddSingleton<IdeaService>();
        UseDatabase();
        userId = SeedAsync().GetAwaiter().GetResult();
        Auth.SetAuthorized("clara@example.test");
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }

    [Fact]
    public async Task Title_field_tells_the_limit_and_counts_while_typing()
    {
        var page = Render<ProposeIdeaPage>();
        Assert.Contains("5 to 120 characters", TitleField(page).TextContent, StringComparison.Ordinal);

        await TypeAsync(page, "title", "Abc");

        page.WaitForAssertion(() =>
        {
            Assert.Contains("The title needs 5 to 120 characters.", TitleField(page).TextContent, StringComparison.Ordinal);
            Assert.Contains("3 / 120", TitleField(page).TextContent, StringComparison.Ordinal);
        });

        await TypeAsync(page, "title", "Abcde");

        page.WaitForAssertion(() => Assert.DoesNotContain("The title needs", TitleField(page).TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Preview_renders_markdown_through_the_sanitizer()
    {
        var page = Render<ProposeIdeaPage>();
        await TypeAsync(page, "textarea", "**Foto** statt Abtippen <script>alert(1)</script> [mehr](javascript:alert(1))");

        await OpenPreviewAsync(page);

        page.WaitForAssertion(() =>
        {
            var preview = page.Find("[data-testid=propose-preview] .cc-markdown");
            Assert.Equal("Foto", preview.QuerySelector("strong")!.TextContent);
            Assert.Empty(preview.QuerySelectorAll("script"));
            Assert.DoesNotContain("javascript:", preview.InnerHtml, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void A_title_handed_over_by_the_board_search_starts_the_form_and_its_similar_ideas()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/ideas/new?title=Z%C3%A4hlerst%C3%A4nde");

        var page = Render<ProposeIdeaPage>();

        Assert.Equal("Zählerstände", TitleField(page).QuerySelector("input")!.GetAttribute("value"));
        page.WaitForAssertion(() => Assert.Equal(
            "Zählerstand per Foto erfassen",
            page.Find("[data-testid=similar-idea] [data-testid=similar-title]").TextContent.Trim()));
    }

    [Fact]
    public async Task Similar_ideas_with_their_votes_appear_for_a_typed_title()
    {
        var page = Render<ProposeIdeaPage>();
        Assert.Empty(page.FindAll("[data-testid=similar-idea]"));

        await TypeAsync(page, "title", "Zählerstand melden");

        page.WaitForAssertion(() =>
        {
            var offered = page.Find("[data-testid=similar-idea]");
            Assert.Equal("Zählerstand per Foto erfassen", offered.QuerySelector("[data-testid=similar-title]")!.TextContent.Trim());
            Assert.Equal("17", offered.QuerySelector("[data-testid=vote-count]")!.TextContent.Trim());
        });
        Assert.Contains("Similar ideas", page.Find("[data-testid=similar-ideas]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_proposal_shows_the_message_at_the_field_and_keeps_what_was_typed()
    {
        var page = Render<ProposeIdeaPage>();
        await TypeAsync(page, "title", "Zählerstand als PDF im Portal");
        // The similar ideas show once the debounced title has arrived.
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=similar-idea]")));

        await page.InvokeAsync(() => page.Find("[data-testid=propose-submit]").ClickAsync(new()));

        page.WaitForAssertion(() => Assert.Contains("Please describe your idea", page.Markup, StringComparison.Ordinal));
        Assert.Equal("Zählerstand als PDF im Portal", TitleField(page).QuerySelector("input")!.GetAttribute("value"));
        Assert.Equal(1, await CountIdeasAsync());
    }

    [Fact]
    public async Task Accepted_proposal_goes_to_the_new_idea()
    {
        var page = Render<ProposeIdeaPage>();
        await TypeAsync(page, "title", "Zählerstand in der App korrigieren");
        await TypeAsync(page, "textarea", "Ohne Anruf, **bitte**.");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=similar-idea]")));
        await OpenPreviewAsync(page);
        page.WaitForAssertion(() => Assert.Equal("bitte", page.Find("[data-testid=propose-preview] strong").TextContent));

        await page.InvokeAsync(() => page.Find("[data-testid=propose-submit]").ClickAsync(new()));

        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var saved = await db.Posts.SingleAsync(p => p.Title == "Zählerstand in der App korrigieren", Ct);
        Assert.Equal((userId, "Ohne Anruf, **bitte**."), (saved.AuthorId, saved.Body));
        page.WaitForAssertion(() => Assert.EndsWith($"/posts/{saved.Id}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_account_at_its_limit_is_told_how_long_to_wait_beside_the_button_and_keeps_what_it_typed()
    {
        var limit = new Web.Infrastructure.RateLimitOptions().Ideas.NewAccount;
        await SeedIdeasOfClaraAsync(limit);
        var page = Render<ProposeIdeaPage>();
        await TypeAsync(page, "title", "Zählerstand per SMS senden");
        await TypeAsync(page, "textarea", "Eine SMS mit der Zahl, **fertig**.");
        // The similar ideas show once the debounced title has arrived.
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=similar-idea]")));

        await page.InvokeAsync(() => page.Find("[data-testid=propose-submit]").ClickAsync(new()));

        page.WaitForAssertion(() => Assert.Matches(
            @"^You have proposed several ideas in a short time\. Please wait about \d+ min\. before the next one; everything you typed stays here\.$",
            page.Find("[data-testid=propose-limit]").TextContent.Trim()));
        Assert.Equal("Zählerstand per SMS senden", TitleField(page).QuerySelector("input")!.GetAttribute("value"));
        Assert.Equal("Eine SMS mit der Zahl, **fertig**.", page.FindComponent<Web.Components.Shared.MarkdownField>().Instance.Value);
        Assert.Empty(page.FindAll("[data-testid=propose-failed]"));
        Assert.Equal(1 + limit, await CountIdeasAsync());
    }

    // Inside the renderer's dispatcher, so no debounced re-render slips between finding and triggering.
    private static Task TypeAsync(IRenderedComponent<ProposeIdeaPage> page, string field, string text) =>
        page.InvokeAsync(() =>
        {
            var input = field == "title" ? TitleField(page).QuerySelector("input")! : page.Find(field);
            return input.InputAsync(new ChangeEventArgs { Value = text });
        });

    private static Task OpenPreviewAsync(IRenderedComponent<ProposeIdeaPage> page) =>
        page.InvokeAsync(() => page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Preview", StringComparison.Ordinal)).ClickAsync(new()));

    private static AngleSharp.Dom.IElement TitleField(IRenderedComponent<ProposeIdeaPage> page) =>
        page.Find("[data-testid=propose-title]").Closest(".mud-input-control") ?? page.Find("[data-testid=propose-title]");

    private async Task<int> CountIdeasAsync()
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.Posts.CountAsync(p => p.Kind == PostKind.Idea, Ct);
    }

    // Clara's address is not confirmed: she counts as a new account.
    private async Task SeedIdeasOfClaraAsync(int count)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var now = DateTime.UtcNow;
        db.Posts.AddRange(Enumerable.Range(0, count).Select(i => new Post
        {
            Kind = PostKind.Idea, Title = $"Earlier idea {i}", Body = "Proposed a moment ago.", AuthorId = userId, CreatedAt = now.AddMinutes(-i), UpdatedAt = now,
        }));
        await db.SaveChangesAsync(Ct);
    }

    private async Task<string> SeedAsync()
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var now = DateTime.UtcNow;
        var author = new CareUser { UserName = "klaus@example.test", DisplayName = "Klaus", CustomerSince = now.AddYears(-5) };
        var clara = new CareUser { UserName = "clara@example.test", DisplayName = "Clara Schmidt", CustomerSince = now.AddYears(-9) };
        db.Users.AddRange(author, clara);
        db.Posts.Add(new Post
        {
            Kind = PostKind.Idea, Title = "Zählerstand per Foto erfassen", Body = "Foto machen, fertig.", AuthorId = author.Id,
            CreatedAt = now, UpdatedAt = now, VoteCount = 17,
        });
        await db.SaveChangesAsync(Ct);
        return clara.Id;
    }
}
