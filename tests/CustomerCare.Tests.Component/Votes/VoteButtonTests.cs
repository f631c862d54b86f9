using System.Security.Claims;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Votes;

public sealed class VoteButtonTests : ComponentTestContext
{
    public VoteButtonTests() => UseDatabase();

    [Fact]
    public async Task Signed_in_customer_votes_and_the_count_rises_then_a_second_click_takes_it_back()
    {
        var (ideaId, userId) = await SeedIdeaAsync(PostStatus.Open, votes: 4);
        Auth.SetAuthorized("clara@example.test");
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
        var button = Render<VoteButton>(p => p.Add(b => b.PostId, ideaId).Add(b => b.Count, 4));

        await button.Find("button").ClickAsync(new());
        button.WaitForAssertion(() => Assert.Equal("5", button.Find("[data-testid=vote-count]").TextContent));
        Assert.Equal("true", button.Find("button").GetAttribute("aria-pressed"));

        await button.Find("button").ClickAsync(new());
        button.WaitForAssertion(() => Assert.Equal("4", button.Find("[data-testid=vote-count]").TextContent));
        Assert.Equal("false", button.Find("button").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task The_button_says_what_a_click_does_for_which_idea_and_how_many_voted()
    {
        var (ideaId, userId) = await SeedIdeaAsync(PostStatus.Open, votes: 12);
        Auth.SetAuthorized("clara@example.test");
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
        var button = Render<VoteButton>(p => p.Add(b => b.PostId, ideaId).Add(b => b.Title, "Dark mode").Add(b => b.Count, 12));
        Assert.Equal("Vote for “Dark mode”, 12 votes", button.Find("[data-testid=vote-button]").GetAttribute("aria-label"));
        Assert.Equal("false", button.Find("[data-testid=vote-button]").GetAttribute("aria-pressed"));

        await button.Find("[data-testid=vote-button]").ClickAsync(new());

        button.WaitForAssertion(() => Assert.Equal(
            "Take back your vote for “Dark mode”, 13 votes", button.Find("[data-testid=vote-button]").GetAttribute("aria-label")));
        Assert.Equal("true", button.Find("[data-testid=vote-button]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void The_buttons_name_speaks_German_and_counts_one_vote_as_one()
    {
        UseCulture("de");

        var button = Render<VoteButton>(p => p.Add(b => b.PostId, 31).Add(b => b.Title, "Dunkler Modus").Add(b => b.Count, 1).Add(b => b.Voted, true));

        Assert.Equal("Ihre Stimme für „Dunkler Modus“ zurücknehmen, 1 Stimme", button.Find("[data-testid=vote-button]").GetAttribute("aria-label"));
        Assert.Equal("true", button.Find("[data-testid=vote-button]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task A_new_account_at_its_vote_limit_is_told_how_long_to_wait_and_nothing_is_counted()
    {
        var (ideaId, userId) = await SeedIdeaAsync(PostStatus.Open, votes: 4);
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            var author = await db.Posts.Where(p => p.Id == ideaId).Select(p => p.AuthorId).SingleAsync(Ct);
            var now = DateTime.UtcNow;
            for (var i = 0; i < new Web.Infrastructure.RateLimitOptions().Votes.NewAccount; i++)
            {
                var other = new Post { Kind = PostKind.Idea, Title = $"Other idea {i}", Body = "Please.", AuthorId = author, CreatedAt = now, UpdatedAt = now };
                other.Votes.Add(new Vote { PostId = 0, UserId = userId, CreatedAt = now.AddSeconds(-i) });
                db.Posts.Add(other);
            }

            await db.SaveChangesAsync(Ct);
        }

        Auth.SetAuthorized("clara@example.test");
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
        var button = Render<VoteButton>(p => p.Add(b => b.PostId, ideaId).Add(b => b.Count, 4));

        await button.Find("button").ClickAsync(new());

        button.WaitForAssertion(() => Assert.StartsWith(
            "You have voted many times in a short time. Please wait about ",
            Assert.Single(Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars).Message, StringComparison.Ordinal));
        Assert.Equal("4", button.Find("[data-testid=vote-count]").TextContent);
        Assert.Equal("false", button.Find("button").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in_and_nothing_is_counted()
    {
        var (ideaId, _) = await SeedIdeaAsync(PostStatus.Open, votes: 2);
        var button = Render<VoteButton>(p => p.Add(b => b.PostId, ideaId).Add(b => b.Count, 2));

        await button.Find("button").ClickAsync(new());

        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.Contains("Account/Login?ReturnUrl=", navigation.Uri, StringComparison.Ordinal);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        Assert.Equal(2, (await db.Posts.SingleAsync(p => p.Id == ideaId, Ct)).VoteCount);
    }

    [Fact]
    public void A_visitors_page_without_a_circuit_offers_a_link_to_sign_in_that_comes_back_and_speaks_the_count()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?sort=new");

        var link = Render<VoteButton>(p => p.Add(b => b.PostId, 31).Add(b => b.Title, "Dark mode").Add(b => b.Count, 12)).Find("a[data-testid=vote-button]");

        Assert.Equal("Account/Login?ReturnUrl=%2F%3Fsort%3Dnew", link.GetAttribute("href"));
        Assert.Equal("Sign in to vote for “Dark mode”, 12 votes", link.GetAttribute("aria-label"));
        // What the visitors' module says when the count changes live, in the page's language.
        Assert.Equal("Sign in to vote for “Dark mode”", link.GetAttribute("data-label"));
        Assert.Equal("{0} votes", link.GetAttribute("data-count-many"));
        Assert.Equal("31", link.QuerySelector("[data-live-votes]")!.GetAttribute("data-live-votes"));
    }

    [Fact]
    public void Closed_idea_offers_no_vote()
    {
        var button = Render<VoteButton>(p => p.Add(b => b.PostId, 1).Add(b => b.Count, 12).Add(b => b.Closed, true));

        Assert.True(button.Find("button").HasAttribute("disabled"));
        Assert.Equal("Voting is closed for this idea.", button.Find("button").GetAttribute("title"));
    }

    [Fact]
    public async Task Someone_elses_vote_shows_up_without_a_reload()
    {
        var button = Render<VoteButton>(p => p.Add(b => b.PostId, 31).Add(b => b.Count, 9));

        await Services.GetRequiredService<ILiveBus>().PublishAsync(new VoteCountChanged(31, 10, DateTime.UtcNow), Ct);

        button.WaitForAssertion(() => Assert.Equal("10", button.Find("[data-testid=vote-count]").TextContent));
    }

    [Fact]
    public async Task Live_count_survives_the_idea_closing_while_the_page_is_open()
    {
        var button = Render<VoteButton>(p => p.Add(b => b.PostId, 31).Add(b => b.Count, 9));
        await Services.GetRequiredService<ILiveBus>().PublishAsync(new VoteCountChanged(31, 11, DateTime.UtcNow), Ct);
        button.WaitForAssertion(() => Assert.Equal("11", button.Find("[data-testid=vote-count]").TextContent));

        button.Render(p => p.Add(b => b.PostId, 31).Add(b => b.Count, 9).Add(b => b.Closed, true));

        Assert.Equal("11", button.Find("[data-testid=vote-count]").TextContent);
        Assert.True(button.Find("button").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Votes_on_other_ideas_do_not_touch_this_button()
    {
        var button = Render<VoteButton>(p => p.Add(b => b.PostId, 31).Add(b => b.Count, 9));

        await Services.GetRequiredService<ILiveBus>().PublishAsync(new VoteCountChanged(32, 50, DateTime.UtcNow), Ct);

        Assert.Equal("9", button.Find("[data-testid=vote-count]").TextContent);
    }

    [Fact]
    public async Task Button_unsubscribes_when_it_goes_away()
    {
        var bus = Services.GetRequiredService<InMemoryLiveBus>();
        var button = Render<VoteButton>(p => p.Add(b => b.PostId, 31).Add(b => b.Count, 9));
        Assert.Equal(1, bus.SubscriptionCount);

        await DisposeComponentsAsync();

        Assert.Equal(0, bus.SubscriptionCount);
    }

    private async Task<(int IdeaId, string UserId)> SeedIdeaAsync(PostStatus status, int votes)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var now = DateTime.UtcNow;
        var author = new CareUser { UserName = "author@example.test", DisplayName = "Author", CustomerSince = now.AddYears(-3) };
        var voter = new CareUser { UserName = "clara@example.test", DisplayName = "Clara Schmidt", CustomerSince = now.AddYears(-9) };
        db.Users.AddRange(author, voter);
        var idea = new Post { Kind = PostKind.Idea, Title = "Read the meter by photo", Body = "Please.", AuthorId = author.Id, CreatedAt = now, UpdatedAt = now, Status = status, VoteCount = votes };
        db.Posts.Add(idea);
        await db.SaveChangesAsync(Ct);
        return (idea.Id, voter.Id);
    }
}
