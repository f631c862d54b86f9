using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Notifications;

/// <summary>Following a post and a category: the buttons show the current state and toggle it; visitors are asked to sign in.</summary>
public sealed class FollowButtonTests : ComponentTestContext
{
    public FollowButtonTests() => UseDatabase();

    [Fact]
    public async Task A_customer_follows_an_idea_then_unfollows_it_and_the_button_says_so_each_time()
    {
        var customer = await SeedUserAsync("Clara", Roles.CustomerId);
        var idea = await SeedIdeaAsync();
        SignIn(customer, Roles.Customer);

        var follow = Render<FollowButton>(p => p.Add(b => b.PostId, idea).Add(b => b.Title, "Dark mode"));
        Assert.Equal("Follow", follow.Find("[data-testid=follow-toggle]").TextContent.Trim());
        Assert.Equal("Follow “Dark mode”", follow.Find("[data-testid=follow-toggle]").GetAttribute("aria-label"));
        Assert.Equal("false", follow.Find("[data-testid=follow-toggle]").GetAttribute("aria-pressed"));
        Assert.Equal("Follow to hear of replies and changes.", follow.Find("[data-testid=follow-reason]").TextContent.Trim());

        await follow.Find("[data-testid=follow-toggle]").ClickAsync(new());

        follow.WaitForAssertion(() => Assert.Equal("Unfollow", follow.Find("[data-testid=follow-toggle]").TextContent.Trim()));
        Assert.Equal("Unfollow “Dark mode”", follow.Find("[data-testid=follow-toggle]").GetAttribute("aria-label"));
        Assert.Equal("true", follow.Find("[data-testid=follow-toggle]").GetAttribute("aria-pressed"));
        Assert.Equal("You follow this.", follow.Find("[data-testid=follow-reason]").TextContent.Trim());
        Assert.True(await FollowingAsync(customer, idea));

        await follow.Find("[data-testid=follow-toggle]").ClickAsync(new());

        follow.WaitForAssertion(() => Assert.Equal("Follow", follow.Find("[data-testid=follow-toggle]").TextContent.Trim()));
        Assert.False(await FollowingAsync(customer, idea));
    }

    [Fact]
    public async Task Replying_makes_the_open_button_say_so_at_once()
    {
        var (viewer, idea, follow) = await OpenNotFollowingAsync();

        Assert.Equal(ThreadOutcome.Posted, (await Services.GetRequiredService<ThreadService>().ReplyAsync(idea, null, "Same here.", false, viewer, Ct)).Outcome);

        follow.WaitForAssertion(() => Assert.Equal("You follow this because you replied.", follow.Find("[data-testid=follow-reason]").TextContent.Trim()));
        Assert.Equal("Unfollow", follow.Find("[data-testid=follow-toggle]").TextContent.Trim());
    }

    [Fact]
    public async Task Voting_makes_the_open_button_say_so_at_once()
    {
        var (viewer, idea, follow) = await OpenNotFollowingAsync();

        Assert.Equal(VoteOutcome.Voted, (await Services.GetRequiredService<VoteService>().ToggleAsync(idea, viewer, Ct)).Outcome);

        follow.WaitForAssertion(() => Assert.Equal("You follow this because you voted.", follow.Find("[data-testid=follow-reason]").TextContent.Trim()));
    }

    [Fact]
    public async Task A_choice_in_one_tab_shows_in_the_other_and_not_on_other_posts()
    {
        var customer = await SeedUserAsync("Clara", Roles.CustomerId);
        var idea = await SeedIdeaAsync();
        var otherIdea = await SeedIdeaAsync();
        SignIn(customer, Roles.Customer);
        var tab = Render<FollowButton>(p => p.Add(b => b.PostId, idea));
        var otherTab = Render<FollowButton>(p => p.Add(b => b.PostId, idea));
        var otherPost = Render<FollowButton>(p => p.Add(b => b.PostId, otherIdea));

        otherPost.WaitForAssertion(() => Assert.Equal(3, Services.GetRequiredService<InMemoryLiveBus>().SubscriptionCountOf(LiveTopics.User(customer))));
        await tab.Find("[data-testid=follow-toggle]").ClickAsync(new());

        otherTab.WaitForAssertion(() => Assert.Equal("Unfollow", otherTab.Find("[data-testid=follow-toggle]").TextContent.Trim()));
        Assert.Equal("Follow", otherPost.Find("[data-testid=follow-toggle]").TextContent.Trim());
    }

    [Fact]
    public async Task The_author_sees_why_they_follow_their_own_idea()
    {
        var author = await SeedUserAsync("Clara", Roles.CustomerId);
        var idea = await SeedIdeaAsync(authorId: author);
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            db.PostFollows.Add(new PostFollow { UserId = author, PostId = idea, Reason = FollowReason.Author, Since = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        SignIn(author, Roles.Customer);

        var follow = Render<FollowButton>(p => p.Add(b => b.PostId, idea));

        Assert.Equal("Unfollow", follow.Find("[data-testid=follow-toggle]").TextContent.Trim());
        Assert.Equal("You follow this because you wrote it.", follow.Find("[data-testid=follow-reason]").TextContent.Trim());
    }

    [Fact]
    public async Task Another_customer_cannot_follow_a_private_complaint_from_the_button()
    {
        var customer = await SeedUserAsync("Clara", Roles.CustomerId);
        var other = await SeedUserAsync("Otto", Roles.CustomerId);
        var complaint = await SeedComplaintAsync(customer, "Charged twice");
        SignIn(other, Roles.Customer);
        var follow = Render<FollowButton>(p => p.Add(b => b.PostId, complaint));

        await follow.Find("[data-testid=follow-toggle]").ClickAsync(new());

        follow.WaitForAssertion(() => Assert.False(follow.Find("[data-testid=follow-toggle]").HasAttribute("disabled")));
        Assert.Equal("Follow", follow.Find("[data-testid=follow-toggle]").TextContent.Trim());
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        Assert.False(await db.PostFollows.AnyAsync(f => f.PostId == complaint, Ct));
    }

    [Fact]
    public async Task A_visitor_is_asked_to_sign_in_instead_of_being_offered_follow()
    {
        var idea = await SeedIdeaAsync();

        var follow = Render<FollowButton>(p => p.Add(b => b.PostId, idea));

        Assert.Empty(follow.FindAll("[data-testid=follow-toggle]"));
        var link = follow.Find("[data-testid=follow-sign-in] a");
        Assert.StartsWith("Account/Login?ReturnUrl=", link.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("Sign in to follow this and hear of replies and changes", link.TextContent.Trim());
    }

    [Fact]
    public async Task A_customer_follows_a_category_and_unfollows_it_again()
    {
        var customer = await SeedUserAsync("Clara", Roles.CustomerId);
        SignIn(customer, Roles.Customer);
        var category = await FirstCategoryAsync();

        var follow = Render<CategoryFollowButton>(p => p.Add(b => b.Category, category));
        var button = () => follow.Find("button[data-testid=category-follow]");
        Assert.Equal("false", button().GetAttribute("data-following"));
        Assert.Equal($"Follow {category.Name}", button().TextContent.Trim());

        await button().ClickAsync(new());

        follow.WaitForAssertion(() => Assert.Equal("true", button().GetAttribute("data-following")));
        Assert.Equal($"Unfollow {category.Name}", button().TextContent.Trim());
        Assert.True(await FollowsCategoryAsync(customer, category.Id));

        await button().ClickAsync(new());

        follow.WaitForAssertion(() => Assert.Equal("false", button().GetAttribute("data-following")));
        Assert.False(await FollowsCategoryAsync(customer, category.Id));
    }

    [Fact]
    public async Task A_category_already_followed_shows_as_followed()
    {
        var customer = await SeedUserAsync("Clara", Roles.CustomerId);
        SignIn(customer, Roles.Customer);
        var category = await FirstCategoryAsync();
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            db.CategoryFollows.Add(new CategoryFollow { UserId = customer, CategoryId = category.Id, Since = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        var follow = Render<CategoryFollowButton>(p => p.Add(b => b.Category, category));

        Assert.Equal("true", follow.Find("button[data-testid=category-follow]").GetAttribute("data-following"));
    }

    /// <summary>A customer's open button on an idea they do not follow, once it listens on their own topic.</summary>
    private async Task<(Viewer Viewer, int Idea, IRenderedComponent<FollowButton> Follow)> OpenNotFollowingAsync()
    {
        var customer = await SeedUserAsync("Clara", Roles.CustomerId);
        var idea = await SeedIdeaAsync();
        SignIn(customer, Roles.Customer);
        var follow = Render<FollowButton>(p => p.Add(b => b.PostId, idea));
        Assert.Equal("Follow", follow.Find("[data-testid=follow-toggle]").TextContent.Trim());
        follow.WaitForAssertion(() => Assert.Equal(1, Services.GetRequiredService<InMemoryLiveBus>().SubscriptionCountOf(LiveTopics.User(customer))));
        return (new Viewer(customer, IsStaff: false, IsProductOwner: false, IsAdmin: false), idea, follow);
    }

    private async Task<CategoryOption> FirstCategoryAsync()
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.Categories.OrderBy(c => c.Id).Select(c => new CategoryOption(c.Id, c.Slug, c.NameEnglish)).FirstAsync(Ct);
    }

    private async Task<bool> FollowingAsync(string userId, int postId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.PostFollows.AnyAsync(f => f.UserId == userId && f.PostId == postId && f.Following, Ct);
    }

    private async Task<bool> FollowsCategoryAsync(string userId, int categoryId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.CategoryFollows.AnyAsync(f => f.UserId == userId && f.CategoryId == categoryId, Ct);
    }
}
