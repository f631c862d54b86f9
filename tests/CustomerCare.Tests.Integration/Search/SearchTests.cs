using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Search;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Search;

/// <summary>
/// The board's search box on each real database's full-text engine. Every idea carries a word made for the
/// test, so the demo ideas and other tests cannot match; the word forms around it are what is tested.
/// </summary>
public abstract class SearchTests(PortalFactory portal)
{
    private readonly TestContent content = new(portal);

    protected IDbContextFactory<CareDb> Databases => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private PostService Posts => portal.Services.GetRequiredService<PostService>();

    private BoardService Board => portal.Services.GetRequiredService<BoardService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Rechnungen als PDF", "Rechnung")]
    [InlineData("Die Rechnung kommt zu spät", "Rechnungen")]
    [InlineData("Zählerstand per Foto melden", "Zählerstände")]
    [InlineData("Alle Zählerstände auf einen Blick", "zählerstand")]
    [InlineData("Abschlag online ändern", "Abschläge")]
    [InlineData("Invoices as PDF", "invoice")]
    [InlineData("The billing address", "bills")]
    [InlineData("Monthly meter readings", "reading")]
    [InlineData("Paperless payments", "PAYMENT")]
    public async Task Search_finds_German_and_English_word_forms(string title, string typed)
    {
        var tag = Tag();
        var idea = await AddIdeaAsync($"{title} {tag}", "Nothing else to say.");

        var found = await SearchAsync($"{typed} {tag}");

        Assert.Equal([idea], found);
    }

    [Fact]
    public async Task Search_reads_the_body_too()
    {
        var tag = Tag();
        var idea = await AddIdeaAsync($"A plain title {tag}", "Bitte die Abrechnungen früher schicken.");

        Assert.Equal([idea], await SearchAsync($"abrechnung {tag}"));
    }

    [Fact]
    public async Task Every_word_must_occur()
    {
        var tag = Tag();
        var both = await AddIdeaAsync($"Tarif wechseln {tag}", "Online, ohne Anruf.");
        await AddIdeaAsync($"Umzug melden {tag}", "Online, ohne Anruf.");

        Assert.Equal([both], await SearchAsync($"tarif {tag}"));
    }

    [Fact]
    public async Task Search_keeps_the_chosen_order_and_pages_by_key()
    {
        var tag = Tag();
        var ids = new List<int>();
        for (var i = 0; i < BoardService.PageSize + 3; i++)
        {
            ids.Add(await AddIdeaAsync($"Idea {i} {tag}", "Same words.", votes: i));
        }

        await AddIdeaAsync("Unrelated idea", $"Mentions nothing of it, not even {Tag()}.");
        var viewer = Viewer.Anonymous;
        var first = await Board.ListAsync(new(BoardSort.Top, Search: tag), viewer, Ct);
        var second = await Board.ListAsync(new(BoardSort.Top, Search: tag, After: first.Next), viewer, Ct);

        Assert.NotNull(first.Next);
        Assert.Null(second.Next);
        Assert.Equal(Enumerable.Reverse(ids), first.Ideas.Concat(second.Ideas).Select(i => i.Id));
    }

    [Fact]
    public async Task Search_on_Trending_keeps_long_and_short_ideas_in_one_order_and_pages_by_key()
    {
        // PostgreSQL reads Trending from two indexes (ideas whose vector fits the covering one, and the rest) and merges
        // them: every third idea here has a long body, and the trend weights and creation times tie often.
        var tag = Tag();
        var at = DateTime.UtcNow.AddDays(-1);
        var ids = new List<int>();
        var longOnes = new List<int>();
        for (var i = 0; i < BoardService.PageSize + 5; i++)
        {
            var id = await AddIdeaAsync($"Idea {i} {tag}", i % 3 == 0 ? LongBody(i) : "Short words.", trend: i % 4 * 2.5, at: at.AddHours(i % 2));
            ids.Add(id);
            if (i % 3 == 0)
            {
                longOnes.Add(id);
            }
        }

        await AddIdeaAsync($"Unrelated {Tag()}", LongBody(99), trend: 100);
        var first = await Board.ListAsync(new(BoardSort.Trending, Search: tag), Viewer.Anonymous, Ct);
        var second = await Board.ListAsync(new(BoardSort.Trending, Search: tag, After: first.Next), Viewer.Anonymous, Ct);
        await using var db = await Databases.CreateDbContextAsync(Ct);
        var expected = (await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(Ct))
            .OrderByDescending(p => p.TrendWeight).ThenByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(p => p.Id);

        Assert.Equal(BoardService.PageSize, first.Ideas.Count);
        Assert.Null(second.Next);
        Assert.Equal(expected, first.Ideas.Concat(second.Ideas).Select(i => i.Id));
        await AssertReadFromBothTrendingIndexesAsync(db, ids, longOnes);
    }

    /// <summary>PostgreSQL: the long ideas really are the ones its covering index leaves out.</summary>
    protected virtual Task AssertReadFromBothTrendingIndexesAsync(CareDb db, IReadOnlyList<int> all, IReadOnlyList<int> longOnes) => Task.CompletedTask;

    // About 1,900 characters of distinct words: a vector whose text is far beyond PostgresTrending.CoveredVectorSize.
    private static string LongBody(int seed) =>
        string.Join(' ', Enumerable.Range(0, 240).Select(k => $"wort{seed}x{k}"));

    [Fact]
    public async Task An_edited_title_is_found_by_its_new_words_and_no_longer_by_the_old()
    {
        var tag = Tag();
        var idea = await AddIdeaAsync($"Stromzähler tauschen {tag}", "Bitte schnell.");
        await using (var db = await Databases.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == idea).ExecuteUpdateAsync(s => s.SetProperty(p => p.Title, $"Gaszähler tauschen {tag}"), Ct);
        }

        Assert.Equal([idea], await SearchAsync($"gaszähler {tag}"));
        Assert.Empty(await SearchAsync($"stromzähler {tag}"));
    }

    [Fact]
    public async Task Search_combines_with_filters_and_never_lists_removed_or_private_posts()
    {
        var tag = Tag();
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var planned = await AddIdeaAsync($"Solar {tag}", "Planned one.", status: PostStatus.Planned, authorId: author.UserId);
        await AddIdeaAsync($"Solar {tag}", "Open one.");
        var removed = await AddIdeaAsync($"Solar {tag}", "Removed one.");
        var complaint = await content.AddPostAsync(PostKind.Complaint, author.UserId!, Ct, isPublic: false);
        await using (var db = await Databases.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == removed).ExecuteUpdateAsync(s => s.SetProperty(p => p.RemovedAt, DateTime.UtcNow), Ct);
            await db.Posts.Where(p => p.Id == complaint).ExecuteUpdateAsync(s => s.SetProperty(p => p.Title, $"Solar {tag}"), Ct);
        }

        var page = await Board.ListAsync(new(BoardSort.New, BoardStatusFilter.Exactly(PostStatus.Planned), Search: $"solar {tag}"), author, Ct);
        var all = await SearchAsync($"solar {tag}");

        Assert.Equal([planned], page.Ideas.Select(i => i.Id));
        Assert.Equal(2, all.Count);
        Assert.DoesNotContain(removed, all);
        Assert.DoesNotContain(complaint, all);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("a OR b NOT (c")]
    [InlineData("x* -y ^z NEAR/2 {col}:w")]
    [InlineData("'; DROP TABLE Posts; --")]
    [InlineData("!!! ??? ...")]
    public async Task Query_syntax_in_the_box_is_read_as_words_never_as_commands(string typed)
    {
        var page = await Board.ListAsync(new(BoardSort.New, Search: typed), Viewer.Anonymous, Ct);

        Assert.NotNull(page);
        await using var db = await Databases.CreateDbContextAsync(Ct);
        Assert.True(await db.Posts.AnyAsync(Ct));
    }

    [Fact]
    public async Task Plain_LIKE_search_finds_the_same_prefixes_where_no_full_text_index_exists()
    {
        var tag = Tag();
        var idea = await AddIdeaAsync($"Rechnungen als PDF {tag}", "Per Mail.");
        await using var db = await Databases.CreateDbContextAsync(Ct);

        var hits = await db.Like(PostSearch.Words($"Rechnungen {tag}"), SearchMatch.AllWords).ToListAsync(Ct);

        Assert.Equal(idea, Assert.Single(hits).Id);
    }

    private async Task<List<int>> SearchAsync(string typed)
    {
        var page = await Board.ListAsync(new(BoardSort.New, Search: typed), Viewer.Anonymous, Ct);
        return [.. page.Ideas.Select(i => i.Id)];
    }

    private async Task<int> AddIdeaAsync(
        string title, string body, int votes = 0, PostStatus status = PostStatus.Open, string? authorId = null, double trend = 0, DateTime? at = null)
    {
        authorId ??= (await content.AddPersonAsync(Roles.Customer, Ct)).UserId!;
        await using var db = await Databases.CreateDbContextAsync(Ct);
        var now = at ?? DateTime.UtcNow;
        var idea = new Post
        {
            Kind = PostKind.Idea,
            Title = title,
            Body = body,
            AuthorId = authorId,
            CreatedAt = now,
            UpdatedAt = now,
            Status = status,
            VoteCount = votes,
            TrendWeight = trend,
        };
        db.Posts.Add(idea);
        await db.SaveChangesAsync(Ct);
        return idea.Id;
    }

    // Letters only, so no stemmer or tokenizer of any engine splits it.
    private static string Tag() => "zz" + string.Concat(Guid.NewGuid().ToString("N").Select(c => (char)('a' + (c % 16))))[..10];
}

public sealed class SqliteSearchTests(PortalFactory portal) : SearchTests(portal), IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Sqlite_search_index_has_its_triggers_and_agrees_with_every_post()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await Databases.CreateDbContextAsync(ct);

        var triggers = await db.Database
            .SqlQuery<string>($"SELECT name AS Value FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Posts' ORDER BY name")
            .ToListAsync(ct);
        var indexed = await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM PostSearch").SingleAsync(ct);

        // A later migration that rebuilds Posts drops its triggers; this says so before search goes stale.
        Assert.Equal(["Posts_Search_Delete", "Posts_Search_Insert", "Posts_Search_Update"], triggers);
        Assert.Equal(await db.Posts.CountAsync(ct), indexed);

        // FTS5 compares its index with the content table and throws if they differ.
        await db.Database.ExecuteSqlAsync($"INSERT INTO PostSearch(PostSearch, rank) VALUES ('integrity-check', 1)", ct);
    }
}
