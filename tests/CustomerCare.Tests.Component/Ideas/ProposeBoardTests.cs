using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Ideas;

/// <summary>The ideas board offers to propose and shows new ideas as they are proposed, without a reload.</summary>
public sealed class ProposeBoardTests : ComponentTestContext
{
    public ProposeBoardTests()
    {
        // UseDatabase resolves the factory, after which bUnit takes no more registrations.
        Services.AddSingleton<PostService>();
        UseDatabase();
    }

    [Fact]
    public void Board_offers_to_propose_an_idea()
    {
        var board = Render<IdeasPage>();

        board.WaitForAssertion(() => Assert.Equal("/ideas/new", board.Find("[data-testid=propose-idea]").GetAttribute("href")));
        Assert.Contains("Propose an idea", board.Find("[data-testid=propose-idea]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_idea_appears_at_the_top_of_an_open_board_without_a_reload()
    {
        await AddIdeaAsync("Older idea with votes", votes: 30);
        var board = Render<IdeasPage>();
        board.WaitForAssertion(() => Assert.Single(board.FindAll("[data-testid=post-card]")));

        var fresh = await AddIdeaAsync("Fresh idea from next door", votes: 0);
        var summary = (await Services.GetRequiredService<PostService>().ListByIdsAsync([fresh], Viewer.Anonymous, Ct))[0];
        await Services.GetRequiredService<ILiveBus>().PublishAsync(new PostCreated(summary, DateTime.UtcNow), Ct);
        await Services.GetRequiredService<ILiveBus>().PublishAsync(new PostCreated(summary, DateTime.UtcNow), Ct);

        board.WaitForAssertion(() =>
        {
            var titles = board.FindAll("[data-testid=post-title]").Select(t => t.TextContent.Trim()).ToList();
            Assert.Equal(["Fresh idea from next door", "Older idea with votes"], titles);
        });
    }

    [Fact]
    public async Task Board_unsubscribes_when_it_goes_away()
    {
        var bus = Services.GetRequiredService<InMemoryLiveBus>();
        var board = Render<IdeasPage>();
        board.WaitForAssertion(() => Assert.NotNull(board.Find("[data-testid=propose-idea]")));
        Assert.True(bus.SubscriptionCount >= 1);

        await DisposeComponentsAsync();

        Assert.Equal(0, bus.SubscriptionCount);
    }

    private async Task<int> AddIdeaAsync(string title, int votes)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var now = DateTime.UtcNow;
        var author = new CareUser { UserName = $"{Guid.NewGuid():N}@example.test", DisplayName = "Author", CustomerSince = now.AddYears(-1) };
        db.Users.Add(author);
        var idea = new Post { Kind = PostKind.Idea, Title = title, Body = "Body.", AuthorId = author.Id, CreatedAt = now, UpdatedAt = now, VoteCount = votes };
        db.Posts.Add(idea);
        await db.SaveChangesAsync(Ct);
        return idea.Id;
    }
}
