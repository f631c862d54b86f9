using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Answers;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Helpful;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Thanks;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>
/// Every kind of change evicts the kept visitors' pages that show it, and the next visitor reads the change: a stale page
/// is a bug. Pages that do not show it stay kept.
/// </summary>
public abstract partial class VisitorCacheEvictionTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private T Get<T>()
        where T : notnull => portal.Services.GetRequiredService<T>();

    [Fact]
    public async Task A_vote_evicts_the_pages_that_show_or_rank_the_idea_and_no_other()
    {
        var author = await Person(Roles.Customer);
        var (idea, other) = (await portal.ProposeIdeaAsync(author, ct: Ct), await portal.ProposeIdeaAsync(author, ct: Ct));
        using var visitor = new VisitorBrowser(portal);
        string[] showing = [$"/posts/{idea}", "/ideas?sort=new", "/ideas?sort=top", $"/people/{author.Id}"];
        string[] notShowing = [$"/posts/{other}", "/ideas?sort=new&status=planned"];
        foreach (var path in showing.Concat(notShowing))
        {
            await visitor.CachedAsync(path);
        }

        Assert.True((await Get<VoteService>().ToggleAsync(idea, (await Person(Roles.Customer)).Viewer, Ct)).Changed);

        Assert.Matches(VoteCountOne(), await visitor.FreshAsync($"/posts/{idea}"));
        foreach (var path in showing.Skip(1))
        {
            await visitor.FreshAsync(path);
        }

        foreach (var path in notShowing)
        {
            Assert.True((await visitor.GetAsync(path)).FromCache, $"{path} does not show the idea, yet it was evicted.");
        }
    }

    [Fact]
    public async Task A_reply_evicts_the_post_and_the_boards_that_show_or_rank_it_but_an_internal_note_evicts_nothing()
    {
        var idea = await portal.ProposeIdeaAsync(await Person(Roles.Customer), ct: Ct);
        using var visitor = new VisitorBrowser(portal);
        await visitor.CachedAsync($"/posts/{idea}");
        await visitor.CachedAsync("/ideas?sort=discussed");
        await ReplyAsync(idea, await Person(Roles.Staff), "Internal: check with the billing team first", internalNote: true);

        Assert.True((await visitor.GetAsync($"/posts/{idea}")).FromCache);
        await ReplyAsync(idea, await Person(Roles.Customer), "Same here since this morning");

        var page = await visitor.FreshAsync($"/posts/{idea}");
        Assert.Contains("Same here since this morning", page, StringComparison.Ordinal);
        Assert.DoesNotContain("check with the billing team", page, StringComparison.Ordinal);
        await visitor.FreshAsync("/ideas?sort=discussed");
    }

    [Fact]
    public async Task A_status_decision_evicts_the_post_the_boards_and_the_roadmap()
    {
        var title = TestPeople.UniqueTitle("Planned soon");
        var idea = await portal.ProposeIdeaAsync(await Person(Roles.Customer), title, ct: Ct);
        using var visitor = new VisitorBrowser(portal);
        Assert.DoesNotContain(title, await visitor.CachedAsync("/roadmap"), StringComparison.Ordinal);
        await visitor.CachedAsync($"/posts/{idea}");
        await visitor.CachedAsync("/ideas?status=planned");

        var decided = await Get<StatusDecisionService>().ChangeStatusAsync(idea, PostStatus.Planned, null, null, (await Person(Roles.ProductOwner)).Viewer, Ct);

        Assert.True(decided.Changed);
        Assert.Contains(title, await visitor.FreshAsync("/roadmap"), StringComparison.Ordinal);
        Assert.Contains(title, await visitor.FreshAsync("/ideas?status=planned"), StringComparison.Ordinal);
        Assert.Contains("Planned", await visitor.FreshAsync($"/posts/{idea}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_evicts_the_post_and_the_boards()
    {
        var author = await Person(Roles.Customer);
        var idea = await portal.ProposeIdeaAsync(author, ct: Ct);
        using var visitor = new VisitorBrowser(portal);
        await visitor.CachedAsync($"/posts/{idea}");
        await visitor.CachedAsync("/ideas?sort=new");
        var title = TestPeople.UniqueTitle("Better words");

        Assert.True((await Get<ModerationService>().EditAsync(idea, title, "Said better.", null, author.Viewer, Ct)).Succeeded);

        Assert.Contains(title, await visitor.FreshAsync($"/posts/{idea}"), StringComparison.Ordinal);
        Assert.Contains(title, await visitor.FreshAsync("/ideas?sort=new"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removal_and_a_restore_evict_the_post_and_the_boards()
    {
        var title = TestPeople.UniqueTitle("Removed for a while");
        var idea = await portal.ProposeIdeaAsync(await Person(Roles.Customer), title, ct: Ct);
        var staff = await Person(Roles.Staff);
        using var visitor = new VisitorBrowser(portal);
        await visitor.CachedAsync($"/posts/{idea}");
        await visitor.CachedAsync("/ideas?sort=new");

        Assert.True((await Get<ModerationService>().RemoveAsync(idea, "Off topic", staff.Viewer, Ct)).Succeeded);

        var removed = await visitor.FreshAsync($"/posts/{idea}");
        Assert.DoesNotContain(title, removed, StringComparison.Ordinal);
        Assert.Contains("This post does not exist, or it is private.", removed, StringComparison.Ordinal);
        Assert.DoesNotContain(title, await visitor.FreshAsync("/ideas?sort=new"), StringComparison.Ordinal);
        await visitor.CachedAsync($"/posts/{idea}");
        await visitor.CachedAsync("/ideas?sort=new");

        Assert.True((await Get<ModerationService>().RestoreAsync(idea, null, staff.Viewer, Ct)).Succeeded);

        Assert.Contains(title, await visitor.FreshAsync($"/posts/{idea}"), StringComparison.Ordinal);
        Assert.Contains(title, await visitor.FreshAsync("/ideas?sort=new"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hidden_reply_leaves_the_kept_post_at_once()
    {
        var idea = await portal.ProposeIdeaAsync(await Person(Roles.Customer), ct: Ct);
        var reply = await ReplyAsync(idea, await Person(Roles.Customer), "Buy cheap watches at example.invalid");
        using var visitor = new VisitorBrowser(portal);
        Assert.Contains("cheap watches", await visitor.CachedAsync($"/posts/{idea}"), StringComparison.Ordinal);

        Assert.True((await Get<ReplyModerationService>().HideAsync(reply, "Advertising", (await Person(Roles.Staff)).Viewer, Ct)).Succeeded);

        var page = await visitor.FreshAsync($"/posts/{idea}");
        Assert.DoesNotContain("cheap watches", page, StringComparison.Ordinal);
        Assert.Contains("Hidden by our team: Advertising", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_marked_evicts_the_post_and_its_card()
    {
        var author = await Person(Roles.Customer);
        var idea = await portal.ProposeIdeaAsync(author, ct: Ct);
        var reply = await ReplyAsync(idea, await Person(Roles.Customer), "Restart the router, then it works");
        using var visitor = new VisitorBrowser(portal);
        Assert.DoesNotContain("data-testid=\"answered-link\"", await visitor.CachedAsync($"/posts/{idea}"), StringComparison.Ordinal);
        await visitor.CachedAsync("/ideas?sort=new");

        Assert.True((await Get<AnswerService>().MarkAsync(idea, reply, author.Viewer, Ct)).Succeeded);

        Assert.Contains("data-testid=\"answered-link\"", await visitor.FreshAsync($"/posts/{idea}"), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"card-answered\"", await visitor.FreshAsync("/ideas?sort=new"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_idea_evicts_the_boards_and_its_authors_profile()
    {
        var author = await Person(Roles.Customer);
        await portal.ProposeIdeaAsync(author, ct: Ct);
        using var visitor = new VisitorBrowser(portal);
        await visitor.CachedAsync("/");
        await visitor.CachedAsync("/ideas?sort=new");
        await visitor.CachedAsync($"/people/{author.Id}");
        var title = TestPeople.UniqueTitle("Brand new");

        await portal.ProposeIdeaAsync(author, title, ct: Ct);

        await visitor.FreshAsync("/");
        Assert.Contains(title, await visitor.FreshAsync("/ideas?sort=new"), StringComparison.Ordinal);
        Assert.Contains(title, await visitor.FreshAsync($"/people/{author.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merge_evicts_both_ideas_and_the_boards()
    {
        var customer = await Person(Roles.Customer);
        var (duplicate, original) = (await portal.ProposeIdeaAsync(customer, ct: Ct), await portal.ProposeIdeaAsync(customer, ct: Ct));
        using var visitor = new VisitorBrowser(portal);
        await visitor.CachedAsync($"/posts/{duplicate}");
        await visitor.CachedAsync($"/posts/{original}");
        await visitor.CachedAsync("/ideas?sort=new");

        Assert.True((await Get<MergeService>().MergeAsync(duplicate, original, (await Person(Roles.ProductOwner)).Viewer, Ct)).Merged);

        Assert.Contains("data-testid=\"merged-banner\"", await visitor.FreshAsync($"/posts/{duplicate}"), StringComparison.Ordinal);
        await visitor.FreshAsync($"/posts/{original}");
        await visitor.FreshAsync("/ideas?sort=new");
    }

    [Fact]
    public async Task A_helpful_mark_evicts_the_post_and_every_page_that_counts_who_the_writer_helped()
    {
        var helper = await Person(Roles.Customer);
        var (idea, elsewhere) = (await portal.ProposeIdeaAsync(await Person(Roles.Customer), ct: Ct), await portal.ProposeIdeaAsync(await Person(Roles.Customer), ct: Ct));
        var reply = await ReplyAsync(idea, helper, "Clear the cache of the app");
        await ReplyAsync(elsewhere, helper, "Works for me on Android");
        using var visitor = new VisitorBrowser(portal);
        string[] pages = [$"/posts/{idea}", $"/posts/{elsewhere}", $"/people/{helper.Id}"];
        foreach (var path in pages)
        {
            Assert.DoesNotContain("helped 1 customer", await visitor.CachedAsync(path), StringComparison.OrdinalIgnoreCase);
        }

        Assert.True((await Get<HelpfulService>().SetAsync(reply, true, (await Person(Roles.Customer)).Viewer, Ct)).Succeeded);

        foreach (var path in pages)
        {
            Assert.Contains("helped 1 customer", await visitor.FreshAsync(path), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_thank_you_evicts_the_team_page_and_the_thanked_persons_profile()
    {
        var staff = await Person(Roles.Staff);
        var idea = await portal.ProposeIdeaAsync(await Person(Roles.Customer), ct: Ct);
        var reply = await ReplyAsync(idea, staff, "We fixed it, please try again");
        using var visitor = new VisitorBrowser(portal);
        await visitor.CachedAsync("/team");
        await visitor.CachedAsync($"/team/{staff.Id}");

        var thanked = await Get<ThanksService>().ThankReplyAsync(reply, "You saved my evening", true, (await Person(Roles.Customer)).Viewer, Ct);

        Assert.Equal(ThanksOutcome.Thanked, thanked.Outcome);
        await visitor.FreshAsync("/team");
        var profile = await visitor.FreshAsync($"/team/{staff.Id}");
        Assert.Contains("Thanked once", profile, StringComparison.Ordinal);
        Assert.Contains("You saved my evening", profile, StringComparison.Ordinal);
    }

    private Task<TestPerson> Person(string role) => portal.AddPersonAsync(role, ct: Ct);

    private async Task<long> ReplyAsync(int postId, TestPerson author, string body, bool internalNote = false)
    {
        var result = await Get<ThreadService>().ReplyAsync(postId, null, body, internalNote, author.Viewer, Ct);
        Assert.True(result.Succeeded, $"The reply was not posted: {result.Outcome}.");
        return result.Reply!.Id;
    }

    [GeneratedRegex("data-testid=\"vote-count\"[^>]*>1<")]
    private static partial Regex VoteCountOne();
}

public sealed class SqliteVisitorCacheEvictionTests(PortalFactory portal) : VisitorCacheEvictionTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresVisitorCacheEvictionTests(PostgresPortalFactory portal)
    : VisitorCacheEvictionTests(portal), IClassFixture<PostgresPortalFactory>;
