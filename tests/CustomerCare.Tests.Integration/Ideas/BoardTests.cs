using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Ideas;

/// <summary>
/// The ideas board's sorts, filters and paging. Each test lists its own author's ideas ("mine") or its
/// own voter's ("voted by me"), so the demo content and the other tests cannot get in between.
/// </summary>
public abstract class BoardTests(PortalFactory portal)
{
    private readonly TestContent content = new(portal);

    private PostService Posts => portal.Services.GetRequiredService<PostService>();

    private BoardService Board => portal.Services.GetRequiredService<BoardService>();

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private DateTime Now => portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Top_puts_most_votes_first_and_breaks_ties_by_newest()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var few = await AddIdeaAsync(author, Now.AddDays(-1), votes: 2);
        var many = await AddIdeaAsync(author, Now.AddDays(-9), votes: 10);
        var tiedOlder = await AddIdeaAsync(author, Now.AddDays(-5), votes: 5);
        var tiedNewer = await AddIdeaAsync(author, Now.AddDays(-3), votes: 5);

        Assert.Equal([many, tiedNewer, tiedOlder, few], await IdsAsync(new(BoardSort.Top, Mine: true), author));
    }

    [Fact]
    public async Task New_puts_the_newest_first_and_breaks_ties_by_id()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var at = Now.AddDays(-2);
        var old = await AddIdeaAsync(author, Now.AddDays(-30), votes: 50);
        var first = await AddIdeaAsync(author, at);
        var second = await AddIdeaAsync(author, at);
        var newest = await AddIdeaAsync(author, Now.AddHours(-1));

        Assert.Equal([newest, second, first, old], await IdsAsync(new(BoardSort.New, Mine: true), author));
    }

    [Fact]
    public async Task Trending_puts_three_votes_today_above_ten_votes_four_months_ago()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var voters = await content.AddUsersAsync(10, Roles.Customer, Ct);
        var oldFavourite = await AddIdeaAsync(author, Now.AddDays(-200));
        await AddVotesAsync(oldFavourite, voters, Now.AddDays(-120));
        var risingStar = await AddIdeaAsync(author, Now.AddDays(-150));
        await AddVotesAsync(risingStar, voters.Take(3), Now);
        var quiet = await AddIdeaAsync(author, Now.AddDays(-1));

        Assert.Equal([risingStar, oldFavourite, quiet], await IdsAsync(new(BoardSort.Trending, Mine: true), author));
        Assert.Equal([oldFavourite, risingStar, quiet], await IdsAsync(new(BoardSort.Top, Mine: true), author));
    }

    [Fact]
    public async Task Most_discussed_puts_most_replies_first()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var quiet = await AddIdeaAsync(author, Now.AddDays(-1), votes: 40);
        var lively = await AddIdeaAsync(author, Now.AddDays(-8), replies: 12);
        var some = await AddIdeaAsync(author, Now.AddDays(-4), replies: 3);

        Assert.Equal([lively, some, quiet], await IdsAsync(new(BoardSort.Discussed, Mine: true), author));
    }

    [Fact]
    public async Task Status_filter_shows_exactly_that_status_or_all_open_ones()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var ids = new Dictionary<PostStatus, int>();
        foreach (var status in PostRules.IdeaStatuses)
        {
            ids[status] = await AddIdeaAsync(author, Now.AddDays(-1 - (int)status), status: status);
        }

        Assert.Equal([ids[PostStatus.Planned]], await IdsAsync(new(BoardSort.New, BoardStatusFilter.Exactly(PostStatus.Planned), Mine: true), author));
        Assert.Equal(
            [ids[PostStatus.Open], ids[PostStatus.UnderReview], ids[PostStatus.Planned], ids[PostStatus.InProgress]],
            await IdsAsync(new(BoardSort.New, BoardStatusFilter.Open, Mine: true), author));
        Assert.Equal(6, (await IdsAsync(new(BoardSort.New, BoardStatusFilter.All, Mine: true), author)).Count);
    }

    [Fact]
    public async Task Category_filter_shows_only_that_category_and_an_unknown_one_shows_nothing()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var app = await AddIdeaAsync(author, Now.AddDays(-1), categoryId: 1);
        await AddIdeaAsync(author, Now.AddDays(-2), categoryId: 3);
        await AddIdeaAsync(author, Now.AddDays(-3));

        Assert.Equal([app], await IdsAsync(new(BoardSort.New, CategorySlug: "app", Mine: true), author));
        Assert.Empty(await IdsAsync(new(BoardSort.New, CategorySlug: "no-such-category", Mine: true), author));
    }

    [Fact]
    public async Task My_ideas_shows_only_the_viewers_own_and_nothing_to_a_visitor()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var other = await content.AddPersonAsync(Roles.Customer, Ct);
        var mine = await AddIdeaAsync(author, Now.AddDays(-1));
        await AddIdeaAsync(other, Now.AddDays(-1));

        Assert.Equal([mine], await IdsAsync(new(BoardSort.Top, Mine: true), author));
        Assert.Empty((await Board.ListAsync(new(Mine: true), Viewer.Anonymous, Ct)).Ideas);
    }

    [Fact]
    public async Task Voted_by_me_shows_the_ideas_the_viewer_voted_for()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var voter = await content.AddPersonAsync(Roles.Customer, Ct);
        var liked = await AddIdeaAsync(author, Now.AddDays(-2), votes: 1);
        var alsoLiked = await AddIdeaAsync(author, Now.AddDays(-1), votes: 1);
        await AddIdeaAsync(author, Now.AddDays(-1));
        await AddVotesAsync(liked, [voter.UserId!], Now, setCounters: false);
        await AddVotesAsync(alsoLiked, [voter.UserId!], Now, setCounters: false);

        var page = await Board.ListAsync(new(BoardSort.New, VotedByMe: true), voter, Ct);

        Assert.Equal([alsoLiked, liked], page.Ideas.Select(i => i.Id));
        Assert.All(page.Ideas, i => Assert.True(i.VotedByViewer));
    }

    [Fact]
    public async Task Merged_and_removed_ideas_are_never_listed()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var voter = await content.AddPersonAsync(Roles.Customer, Ct);
        var kept = await AddIdeaAsync(author, Now.AddDays(-3), votes: 1);
        var merged = await AddIdeaAsync(author, Now.AddDays(-2), votes: 99);
        var removed = await AddIdeaAsync(author, Now.AddDays(-1), votes: 99);
        foreach (var id in new[] { kept, merged, removed })
        {
            await AddVotesAsync(id, [voter.UserId!], Now, setCounters: false);
        }

        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == merged).ExecuteUpdateAsync(s => s.SetProperty(p => p.MergedIntoId, kept), Ct);
            await db.Posts.Where(p => p.Id == removed).ExecuteUpdateAsync(s => s.SetProperty(p => p.RemovedAt, Now), Ct);
        }

        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        Assert.Equal([kept], await IdsAsync(new(BoardSort.Top, Mine: true), author));
        Assert.Equal([kept], await IdsAsync(new(BoardSort.Top, VotedByMe: true), voter));
        foreach (var sort in BoardAddress.Sorts)
        {
            var all = await AllPagesAsync(new(sort), staff);
            Assert.DoesNotContain(merged, all);
            Assert.DoesNotContain(removed, all);
            Assert.Contains(kept, all);
        }
    }

    [Theory]
    [InlineData(BoardSort.Top)]
    [InlineData(BoardSort.New)]
    [InlineData(BoardSort.Trending)]
    [InlineData(BoardSort.Discussed)]
    public async Task Pages_are_disjoint_and_continue_the_order(BoardSort sort)
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var day = Now.AddDays(-10);
        for (var i = 0; i < 2 * BoardService.PageSize + 5; i++)
        {
            // Few distinct values, so most neighbours tie on the sort column and on the creation time.
            await AddIdeaAsync(author, day.AddHours(i % 4), votes: i % 7, replies: i % 5, trend: i % 3 * 1.5);
        }

        var whole = await IdsAsync(new(sort, Mine: true), author);
        var first = await Board.ListAsync(new(sort, Mine: true), author, Ct);
        var second = await Board.ListAsync(new(sort, Mine: true, After: first.Next), author, Ct);
        var third = await Board.ListAsync(new(sort, Mine: true, After: second.Next), author, Ct);

        Assert.Equal(BoardService.PageSize, first.Ideas.Count);
        Assert.Equal(BoardService.PageSize, second.Ideas.Count);
        Assert.Equal(5, third.Ideas.Count);
        Assert.Null(third.Next);
        Assert.Equal(whole, [.. first.Ideas.Concat(second.Ideas).Concat(third.Ideas).Select(i => i.Id)]);
        Assert.Equal(whole.Count, whole.Distinct().Count());
    }

    /// <summary>The ids in board order, following the pages (the expected order is computed from the rows).</summary>
    private async Task<List<int>> IdsAsync(BoardQuery query, Viewer viewer)
    {
        var ids = await AllPagesAsync(query, viewer);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var rows = await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(Ct);
        var expected = (query.Sort switch
        {
            BoardSort.Top => rows.OrderByDescending(p => p.VoteCount),
            BoardSort.Discussed => rows.OrderByDescending(p => p.ReplyCount),
            BoardSort.Trending => rows.OrderByDescending(p => p.TrendWeight),
            _ => rows.OrderByDescending(p => 0),
        }).ThenByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(p => p.Id).ToList();
        Assert.Equal(expected, ids);
        return ids;
    }

    private async Task<List<int>> AllPagesAsync(BoardQuery query, Viewer viewer)
    {
        var ids = new List<int>();
        var page = await Board.ListAsync(query, viewer, Ct);
        ids.AddRange(page.Ideas.Select(i => i.Id));
        while (page.Next is not null)
        {
            page = await Board.ListAsync(query with { After = page.Next }, viewer, Ct);
            ids.AddRange(page.Ideas.Select(i => i.Id));
        }

        return ids;
    }

    private async Task<int> AddIdeaAsync(
        Viewer author, DateTime createdAt, int votes = 0, int replies = 0, double trend = 0,
        PostStatus status = PostStatus.Open, int? categoryId = null)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var idea = new Post
        {
            Kind = PostKind.Idea,
            Title = $"Board idea {Guid.NewGuid():N}",
            Body = "Written by a board test.",
            AuthorId = author.UserId!,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
            Status = status,
            CategoryId = categoryId,
            VoteCount = votes,
            ReplyCount = replies,
            TrendWeight = trend,
        };
        db.Posts.Add(idea);
        await db.SaveChangesAsync(Ct);
        return idea.Id;
    }

    /// <summary>Vote rows cast at <paramref name="at"/>, with the counter and trend weight they add, as VoteService keeps them.</summary>
    private async Task AddVotesAsync(int ideaId, IEnumerable<string> voterIds, DateTime at, bool setCounters = true)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var votes = voterIds.Select(id => new Vote { PostId = ideaId, UserId = id, CreatedAt = at }).ToList();
        db.Votes.AddRange(votes);
        await db.SaveChangesAsync(Ct);
        if (setCounters)
        {
            var weight = votes.Count * Post.TrendWeightAt(at);
            await db.Posts.Where(p => p.Id == ideaId).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.VoteCount, p => p.VoteCount + votes.Count)
                .SetProperty(p => p.TrendWeight, p => p.TrendWeight + weight), Ct);
        }
    }
}

public sealed class SqliteBoardTests(PortalFactory portal) : BoardTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresBoardTests(PostgresPortalFactory portal) : BoardTests(portal), IClassFixture<PostgresPortalFactory>;
