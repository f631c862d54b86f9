using System.Security.Claims;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Roadmap;
using CustomerCare.Web.Features.SolvesIt;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.SolvesIt;

/// <summary>"Does this solve it for you?" on a shipped idea: the viewer's answer, everyone's counts, live.</summary>
public sealed class SolvesItPanelTests : ComponentTestContext
{
    private readonly IDbContextFactory<CareDb> dbs;

    public SolvesItPanelTests()
    {
        // The idea page's decision panel injects it; registered before UseDatabase, after which bUnit takes no more services.
        Services.AddSingleton<StatusDecisionService>();
        dbs = UseDatabase();
    }

    [Theory]
    [InlineData(PostStatus.Open)]
    [InlineData(PostStatus.InProgress)]
    [InlineData(PostStatus.Declined)]
    public async Task An_idea_that_has_not_shipped_asks_nothing_and_listens_to_nothing(PostStatus status)
    {
        var (ideaId, _) = await SeedAsync(status);

        var panel = Render<SolvesItPanel>(p => p.Add(x => x.PostId, ideaId).Add(x => x.Status, status));

        Assert.Empty(panel.FindAll("[data-testid=solves-it]"));
        Assert.Equal(0, Services.GetRequiredService<InMemoryLiveBus>().SubscriptionCount);
    }

    [Fact]
    public async Task A_customer_answers_sees_the_answer_highlighted_and_counted_and_may_change_it()
    {
        var (ideaId, userId) = await SeedAsync(PostStatus.Shipped, yes: 11, notYet: 2);
        SignIn(userId);
        var panel = Render<SolvesItPanel>(p => p.Add(x => x.PostId, ideaId).Add(x => x.Status, PostStatus.Shipped));
        panel.WaitForAssertion(() => Assert.Equal("11 say it solves it · 2 not yet", Counts(panel)));
        Assert.Equal(("false", "false"), Pressed(panel));

        await panel.Find("[data-testid=solves-yes]").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Equal("12 say it solves it · 2 not yet", Counts(panel)));
        Assert.Equal(("true", "false"), Pressed(panel));

        await panel.Find("[data-testid=solves-not-yet]").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Equal("11 say it solves it · 3 not yet", Counts(panel)));
        Assert.Equal(("false", "true"), Pressed(panel));
    }

    [Theory]
    [InlineData("yes", "12 say it solves it · 2 not yet", "true")]
    [InlineData("no", "11 say it solves it · 3 not yet", "false")]
    public async Task The_answer_chosen_in_the_shipped_mail_is_counted_when_the_page_opens_and_leaves_the_address(
        string answer, string counts, string yesPressed)
    {
        var (ideaId, userId) = await SeedAsync(PostStatus.Shipped, yes: 11, notYet: 2);
        SignIn(userId);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/posts/{ideaId}?solves={answer}");

        var panel = Render<SolvesItPanel>(p => p.Add(x => x.PostId, ideaId).Add(x => x.Status, PostStatus.Shipped));

        panel.WaitForAssertion(() => Assert.Equal(counts, Counts(panel)));
        Assert.Equal(yesPressed, Pressed(panel).Item1);
        Assert.DoesNotContain("solves=", navigation.Uri, StringComparison.Ordinal);
        await using var db = await dbs.CreateDbContextAsync(Ct);
        Assert.Equal(answer == "yes", (await db.SolvesItAnswers.SingleAsync(f => f.UserId == userId, Ct)).Solves);
    }

    [Fact]
    public async Task A_visitor_following_the_mails_answer_link_is_counted_nowhere_and_asked_to_sign_in()
    {
        var (ideaId, _) = await SeedAsync(PostStatus.Shipped, yes: 11, notYet: 2);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/posts/{ideaId}?solves=yes");

        var panel = Render<SolvesItPanel>(p => p.Add(x => x.PostId, ideaId).Add(x => x.Status, PostStatus.Shipped));

        panel.WaitForAssertion(() => Assert.Equal("11 say it solves it · 2 not yet", Counts(panel)));
        Assert.NotEmpty(panel.FindAll("[data-testid=solves-sign-in]"));
    }

    [Fact]
    public async Task An_earlier_answer_is_shown_highlighted_when_the_page_opens()
    {
        var (ideaId, userId) = await SeedAsync(PostStatus.Shipped, yes: 1, notYet: 0, viewerSolves: false);
        SignIn(userId);

        var panel = Render<SolvesItPanel>(p => p.Add(x => x.PostId, ideaId).Add(x => x.Status, PostStatus.Shipped));

        panel.WaitForAssertion(() => Assert.Equal(("false", "true"), Pressed(panel)));
        Assert.Equal("1 says it solves it · 1 not yet", Counts(panel));
    }

    [Fact]
    public async Task Someone_elses_answer_updates_the_counts_without_a_reload_and_keeps_the_viewers_own()
    {
        var (ideaId, userId) = await SeedAsync(PostStatus.Shipped, yes: 3, notYet: 1, viewerSolves: true);
        SignIn(userId);
        var panel = Render<SolvesItPanel>(p => p.Add(x => x.PostId, ideaId).Add(x => x.Status, PostStatus.Shipped));
        panel.WaitForAssertion(() => Assert.Equal("4 say it solves it · 1 not yet", Counts(panel)));

        var bus = Services.GetRequiredService<ILiveBus>();
        await bus.PublishAsync(new SolvesItChanged(ideaId + 1, 40, 40, DateTime.UtcNow), Ct);
        await bus.PublishAsync(new SolvesItChanged(ideaId, 5, 1, DateTime.UtcNow), Ct);

        panel.WaitForAssertion(() => Assert.Equal("5 say it solves it · 1 not yet", Counts(panel)));
        Assert.Equal(("true", "false"), Pressed(panel));
    }

    [Fact]
    public async Task A_visitor_sees_the_counts_and_a_sign_in_hint_but_no_buttons()
    {
        var (ideaId, _) = await SeedAsync(PostStatus.Shipped, yes: 2, notYet: 1);

        var panel = Render<SolvesItPanel>(p => p.Add(x => x.PostId, ideaId).Add(x => x.Status, PostStatus.Shipped));

        panel.WaitForAssertion(() => Assert.Equal("2 say it solves it · 1 not yet", Counts(panel)));
        var hint = panel.Find("[data-testid=solves-sign-in] a");
        Assert.Contains("Account/Login?ReturnUrl=", hint.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid=solves-yes]"));
        Assert.Empty(panel.FindAll("[data-testid=solves-not-yet]"));
    }

    [Fact]
    public async Task The_idea_page_asks_once_the_idea_ships_live_at_the_solves_anchor()
    {
        var (ideaId, _) = await SeedAsync(PostStatus.InProgress);
        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=status-chip]")));
        Assert.Empty(page.FindAll("#solves"));

        await Services.GetRequiredService<ILiveBus>().PublishAsync(
            new StatusChanged(ideaId, PostStatus.InProgress, PostStatus.Shipped, "Petra Owner", null, "App 3.2", DateTime.UtcNow), Ct);

        page.WaitForAssertion(() => Assert.Equal("0 say it solves it · 0 not yet", page.Find("#solves [data-testid=solves-counts]").TextContent.Trim()));
        Assert.Contains("Does this solve it for you?", page.Find("#solves").TextContent, StringComparison.Ordinal);
    }

    private void SignIn(string userId)
    {
        Auth.SetAuthorized("clara@example.test");
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }

    private static string Counts(IRenderedComponent<SolvesItPanel> panel) => panel.Find("[data-testid=solves-counts]").TextContent.Trim();

    private static (string?, string?) Pressed(IRenderedComponent<SolvesItPanel> panel) =>
        (panel.Find("[data-testid=solves-yes]").GetAttribute("aria-pressed"), panel.Find("[data-testid=solves-not-yet]").GetAttribute("aria-pressed"));

    /// <summary>A shipped (or not) idea with other people's answers, and the viewer with their earlier answer if any.</summary>
    private async Task<(int IdeaId, string UserId)> SeedAsync(PostStatus status, int yes = 0, int notYet = 0, bool? viewerSolves = null)
    {
        await using var db = await dbs.CreateDbContextAsync(Ct);
        var now = DateTime.UtcNow;
        var author = new CareUser { UserName = "author@example.test", DisplayName = "Author", CustomerSince = now.AddYears(-3) };
        var viewer = new CareUser { UserName = "clara@example.test", DisplayName = "Clara Schmidt", CustomerSince = now.AddYears(-9) };
        var others = Enumerable.Range(0, yes + notYet)
            .Select(i => new CareUser { UserName = $"other{i}@example.test", DisplayName = $"Other {i}", CustomerSince = now }).ToList();
        db.Users.AddRange([author, viewer, .. others]);
        var idea = new Post { Kind = PostKind.Idea, Title = "Read the meter by photo", Body = "Please.", AuthorId = author.Id, CreatedAt = now, UpdatedAt = now, Status = status };
        db.Posts.Add(idea);
        await db.SaveChangesAsync(Ct);
        db.SolvesItAnswers.AddRange(others.Select((o, i) => new SolvesItAnswer { PostId = idea.Id, UserId = o.Id, Solves = i < yes, At = now }));
        if (viewerSolves is { } solves)
        {
            db.SolvesItAnswers.Add(new SolvesItAnswer { PostId = idea.Id, UserId = viewer.Id, Solves = solves, At = now });
        }

        await db.SaveChangesAsync(Ct);
        return (idea.Id, viewer.Id);
    }
}
