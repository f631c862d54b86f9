using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Roadmap;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Decisions;

/// <summary>Only product owners and admins merge duplicates; votes move without counting anyone twice.</summary>
public abstract class MergeServiceTests(PortalFactory portal) : IDisposable
{
    private readonly TestContent content = new(portal);
    private LiveEventRecorder? recorder;

    private MergeService Merges => portal.Services.GetRequiredService<MergeService>();

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("anonymous", MergeOutcome.NotAllowed)]
    [InlineData("customer", MergeOutcome.NotAllowed)]
    [InlineData("author", MergeOutcome.NotAllowed)]
    [InlineData(Roles.Staff, MergeOutcome.NotAllowed)]
    [InlineData(Roles.ProductOwner, MergeOutcome.Merged)]
    [InlineData(Roles.Admin, MergeOutcome.Merged)]
    public async Task Only_product_owners_and_admins_merge_ideas(string who, MergeOutcome expected)
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var duplicateId = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        var originalId = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        var voter = await content.AddPersonAsync(Roles.Customer, Ct);
        await AddVoteAsync(duplicateId, voter.UserId!, DateTime.UtcNow);
        var viewer = who switch
        {
            "anonymous" => Viewer.Anonymous,
            "customer" => await content.AddPersonAsync(Roles.Customer, Ct),
            "author" => author,
            _ => await content.AddPersonAsync(who, Ct),
        };
        var before = await StateAsync(duplicateId, originalId);
        var events = Listen(duplicateId, originalId);

        var result = await Merges.MergeAsync(duplicateId, originalId, viewer, Ct);

        Assert.Equal(expected, result.Outcome);
        var after = await StateAsync(duplicateId, originalId);
        if (result.Merged)
        {
            Assert.Equal(originalId, after.Duplicate.MergedIntoId);
            Assert.Equal((0, 1), (after.Duplicate.VoteCount, after.Original.VoteCount));
            Assert.Equal(1, after.MergeAudits);
            Assert.NotEmpty(events);
        }
        else
        {
            Assert.Equal(before, after);
            Assert.Empty(events);
        }
    }

    [Fact]
    public async Task Merging_moves_votes_without_counting_anyone_twice()
    {
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);
        var (duplicateId, originalId) = await TwoIdeasAsync();
        var users = await content.AddUsersAsync(3, Roles.Customer, Ct);
        var (a, b, c) = (users[0], users[1], users[2]);
        var aVotedAt = DateTime.UtcNow.AddDays(-3);
        await AddVoteAsync(duplicateId, a, aVotedAt);
        await AddVoteAsync(duplicateId, b, DateTime.UtcNow.AddDays(-2));
        await AddVoteAsync(originalId, b, DateTime.UtcNow.AddDays(-1));
        await AddVoteAsync(originalId, c, DateTime.UtcNow);
        var before = await StateAsync(duplicateId, originalId);

        var result = await Merges.MergeAsync(duplicateId, originalId, owner, Ct);

        Assert.Equal((MergeOutcome.Merged, 1), (result.Outcome, result.MovedVotes));
        var after = await StateAsync(duplicateId, originalId);
        Assert.Equal((3, 0, originalId), (after.Original.VoteCount, after.Duplicate.VoteCount, after.Duplicate.MergedIntoId));
        Assert.Equal(0d, after.Duplicate.TrendWeight);
        Assert.Equal(before.Original.TrendWeight + Post.TrendWeightAt(aVotedAt), after.Original.TrendWeight, 1e-6);
        Assert.NotEqual(before.Duplicate.UpdatedAt, after.Duplicate.UpdatedAt);

        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var originalVoters = await db.Votes.Where(v => v.PostId == originalId).Select(v => new { v.UserId, v.CreatedAt }).ToListAsync(Ct);
        Assert.Equal(new[] { a, b, c }.Order(StringComparer.Ordinal), originalVoters.Select(v => v.UserId).Order(StringComparer.Ordinal));
        Assert.Equal(aVotedAt, originalVoters.Single(v => v.UserId == a).CreatedAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, await db.Votes.CountAsync(v => v.PostId == duplicateId, Ct));

        var audit = await db.AuditEntries.SingleAsync(e => e.PostId == duplicateId && e.Action == AuditAction.Merged, Ct);
        Assert.Equal(owner.UserId, audit.ActorId);
        Assert.Contains(duplicateId.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.Details, StringComparison.Ordinal);
        Assert.Contains(originalId.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merge_is_published_for_the_duplicates_page_and_the_originals_count()
    {
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);
        var (duplicateId, originalId) = await TwoIdeasAsync();
        await AddVoteAsync(duplicateId, (await content.AddUsersAsync(1, Roles.Customer, Ct))[0], DateTime.UtcNow);
        var events = Listen(duplicateId, originalId);
        var decisions = recorder!.ListenTo(LiveTopics.Decisions);

        await Merges.MergeAsync(duplicateId, originalId, owner, Ct);

        var merged = Assert.Single(events.OfType<PostMerged>());
        // And on the decisions topic, for the insights' ideas by status.
        Assert.Equal(merged with { Topic = LiveTopics.Decisions }, Assert.Single(decisions.OfType<PostMerged>(), d => d.DuplicateId == duplicateId));
        Assert.Equal((duplicateId, originalId, LiveTopics.Post(duplicateId)), (merged.DuplicateId, merged.OriginalId, merged.Topic));
        Assert.Equal((await StateAsync(duplicateId, originalId)).OriginalTitle, merged.OriginalTitle);
        Assert.Contains(events.OfType<VoteCountChanged>(), e => e.PostId == originalId && e.VoteCount == 1);
    }

    [Fact]
    public async Task Merging_into_a_merged_idea_is_refused_and_changes_nothing()
    {
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);
        var (firstId, originalId) = await TwoIdeasAsync();
        Assert.True((await Merges.MergeAsync(firstId, originalId, owner, Ct)).Merged);
        var (duplicateId, _) = await TwoIdeasAsync();
        await AddVoteAsync(duplicateId, (await content.AddUsersAsync(1, Roles.Customer, Ct))[0], DateTime.UtcNow);
        var before = await StateAsync(duplicateId, firstId);

        var result = await Merges.MergeAsync(duplicateId, firstId, owner, Ct);

        Assert.Equal(MergeOutcome.TargetMerged, result.Outcome);
        Assert.Equal(before, await StateAsync(duplicateId, firstId));
    }

    [Fact]
    public async Task A_merged_idea_cannot_be_merged_again()
    {
        var owner = await content.AddPersonAsync(Roles.Admin, Ct);
        var (duplicateId, originalId) = await TwoIdeasAsync();
        var (otherId, _) = await TwoIdeasAsync();
        Assert.True((await Merges.MergeAsync(duplicateId, originalId, owner, Ct)).Merged);

        Assert.Equal(MergeOutcome.AlreadyMerged, (await Merges.MergeAsync(duplicateId, otherId, owner, Ct)).Outcome);
        Assert.Equal(originalId, (await StateAsync(duplicateId, otherId)).Duplicate.MergedIntoId);
    }

    [Fact]
    public async Task Same_idea_complaints_and_unknown_ideas_are_refused()
    {
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);
        var (ideaId, _) = await TwoIdeasAsync();
        var complaintId = await content.AddPostAsync(PostKind.Complaint, owner.UserId!, Ct);

        Assert.Equal(MergeOutcome.SameIdea, (await Merges.MergeAsync(ideaId, ideaId, owner, Ct)).Outcome);
        Assert.Equal(MergeOutcome.NotFound, (await Merges.MergeAsync(complaintId, ideaId, owner, Ct)).Outcome);
        Assert.Equal(MergeOutcome.NotFound, (await Merges.MergeAsync(ideaId, int.MaxValue, owner, Ct)).Outcome);
        Assert.Null((await StateAsync(ideaId, complaintId)).Duplicate.MergedIntoId);
    }

    [Fact]
    public async Task The_picker_finds_ideas_by_title_words_but_not_this_one_nor_merged_ones()
    {
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);
        var word = $"zq{Guid.NewGuid():N}"[..12];
        var thisId = await IdeaTitledAsync($"Dark mode {word} please");
        var matchId = await IdeaTitledAsync($"A {word} dark MODE for the app");
        var mergedId = await IdeaTitledAsync($"Dark mode {word} again");
        var otherId = await IdeaTitledAsync($"Light mode {word}");
        Assert.True((await Merges.MergeAsync(mergedId, otherId, owner, Ct)).Merged);

        var found = await Merges.SearchTargetsAsync(thisId, $"mode DARK {word}", owner, Ct);

        Assert.Equal([matchId], found.Select(t => t.Id));
        Assert.Empty(await Merges.SearchTargetsAsync(thisId, word, await content.AddPersonAsync(Roles.Staff, Ct), Ct));
    }

    public void Dispose()
    {
        recorder?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<(int DuplicateId, int OriginalId)> TwoIdeasAsync()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        return (await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct), await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct));
    }

    private async Task<int> IdeaTitledAsync(string title)
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var id = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        await db.Posts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Title, title), Ct);
        return id;
    }

    // As VoteService casts it: the row, the counter and the trend weight together.
    private async Task AddVoteAsync(int postId, string userId, DateTime at)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        db.Votes.Add(new Vote { PostId = postId, UserId = userId, CreatedAt = at });
        await db.SaveChangesAsync(Ct);
        var weight = Post.TrendWeightAt(at);
        await db.Posts.Where(p => p.Id == postId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.VoteCount, p => p.VoteCount + 1).SetProperty(p => p.TrendWeight, p => p.TrendWeight + weight), Ct);
    }

    private List<LiveEvent> Listen(params int[] postIds) =>
        (recorder ??= new(portal.Services.GetRequiredService<ILiveBus>())).Listen(postIds);

    private async Task<MergeState> StateAsync(int duplicateId, int originalId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var posts = await db.Posts.AsNoTracking().Where(p => p.Id == duplicateId || p.Id == originalId)
            .Select(p => new IdeaState(p.Id, p.VoteCount, p.TrendWeight, p.MergedIntoId, p.UpdatedAt, p.Title)).ToListAsync(Ct);
        var votes = await db.Votes.Where(v => v.PostId == duplicateId || v.PostId == originalId)
            .OrderBy(v => v.PostId).ThenBy(v => v.UserId).Select(v => v.PostId + ":" + v.UserId).ToListAsync(Ct);
        var audits = await db.AuditEntries.CountAsync(e => e.PostId == duplicateId && e.Action == AuditAction.Merged, Ct);
        var original = posts.Single(p => p.Id == originalId);
        return new(posts.Single(p => p.Id == duplicateId), original, original.Title, string.Join(",", votes), audits);
    }

    private sealed record IdeaState(int Id, int VoteCount, double TrendWeight, int? MergedIntoId, DateTime UpdatedAt, string Title);

    private sealed record MergeState(IdeaState Duplicate, IdeaState Original, string OriginalTitle, string Votes, int MergeAudits);
}

public sealed class SqliteMergeServiceTests(EmptyPortalFactory portal) : MergeServiceTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresMergeServiceTests(PostgresPortalFactory portal) : MergeServiceTests(portal), IClassFixture<PostgresPortalFactory>;
