using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Insights;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Insights;

/// <summary>
/// What the insights read is kept in step by the acts themselves: a complaint's waits by filing, replies and solving;
/// an idea's loyal and newcomer votes by voting, withdrawing and merging. And rebuilding them from the rows (as the first
/// start after the upgrade does) gives the same. On SQLite (the batched vote path) and PostgreSQL (the direct one).
/// </summary>
public abstract class InsightsInStepTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private T Get<T>() where T : notnull => portal.Services.GetRequiredService<T>();

    private IDbContextFactory<CareDb> Dbs => Get<IDbContextFactory<CareDb>>();

    [Fact]
    public async Task A_complaints_waits_follow_its_thread_and_a_rebuild_gives_the_same()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var otto = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var anna = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var complaint = await portal.FileComplaintAsync(clara, isPublic: true, ct: Ct);
        Assert.Equal([(true, false, false)], await ShapeAsync(complaint));

        await ReplyAsync(complaint, "Otto: same here.", otto); // another customer's word makes nobody wait
        await ReplyAsync(complaint, "We are on it.", anna);
        await ReplyAsync(complaint, "Internal: check the meter.", anna, internalNote: true);
        Assert.Equal([(true, true, true)], await ShapeAsync(complaint));

        await ReplyAsync(complaint, "Still broken.", clara);
        await ReplyAsync(complaint, "Hello?", clara); // still the same wait
        Assert.Equal([(true, true, true), (false, false, false)], await ShapeAsync(complaint));
        await ReplyAsync(complaint, "Fixed now.", anna);
        await ReplyAsync(complaint, "Works, thank you!", clara);
        Assert.Equal(ResolutionOutcome.Done, (await Get<ComplaintResolutionService>().ConfirmAsync(complaint, clara.Viewer, Ct)).Outcome);

        // Solved while her thanks stood unanswered: that wait ends, as no answer.
        var kept = await WaitsAsync(complaint);
        Assert.Equal([(true, true, true), (false, true, true), (false, true, false)], await ShapeAsync(complaint));

        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.ComplaintWaits.Where(w => w.PostId == complaint).ExecuteDeleteAsync(Ct);
            Assert.True(await ComplaintWaits.BackfillAsync(db, Ct) >= 1);
        }

        Assert.Equal(kept, await WaitsAsync(complaint));
    }

    [Fact]
    public async Task Loyal_and_newcomer_votes_count_as_voted_withdrawn_and_merged_and_a_recount_agrees()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var loyal = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var newcomer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var middle = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var owner = await portal.AddPersonAsync(Roles.ProductOwner, ct: Ct);
        var now = DateTime.UtcNow;
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Users.Where(u => u.Id == loyal.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CustomerSince, now.AddYears(-12)), Ct);
            await db.Users.Where(u => u.Id == newcomer.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CustomerSince, now.AddMonths(-2)), Ct);
            await db.Users.Where(u => u.Id == middle.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CustomerSince, now.AddYears(-5)), Ct);
        }

        var original = await portal.ProposeIdeaAsync(author, ct: Ct);
        var duplicate = await portal.ProposeIdeaAsync(author, ct: Ct);
        var votes = Get<VoteService>();
        foreach (var voter in new[] { loyal, newcomer, middle })
        {
            Assert.Equal(VoteOutcome.Voted, (await votes.ToggleAsync(original, voter.Viewer, Ct)).Outcome);
        }

        Assert.Equal((3, 1, 1), await CountsAsync(original));
        Assert.Equal(VoteOutcome.Withdrawn, (await votes.ToggleAsync(original, loyal.Viewer, Ct)).Outcome);
        Assert.Equal((2, 0, 1), await CountsAsync(original));

        // The loyal vote on the duplicate moves over; the newcomer voted for both and counts once.
        await votes.ToggleAsync(duplicate, loyal.Viewer, Ct);
        await votes.ToggleAsync(duplicate, newcomer.Viewer, Ct);
        Assert.Equal(MergeOutcome.Merged, (await Get<MergeService>().MergeAsync(duplicate, original, owner.Viewer, Ct)).Outcome);
        Assert.Equal((3, 1, 1), await CountsAsync(original));
        Assert.Equal((0, 0, 0), await CountsAsync(duplicate));

        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == original).ExecuteUpdateAsync(s => s.SetProperty(p => p.LoyalVoteCount, -1).SetProperty(p => p.NewcomerVoteCount, -1), Ct);
            Assert.True(await VoteBands.BackfillAsync(db, Ct) >= 1);
        }

        Assert.Equal((3, 1, 1), await CountsAsync(original));
    }

    private async Task ReplyAsync(int postId, string body, TestPerson by, bool internalNote = false)
    {
        await Task.Delay(5, Ct); // distinct milliseconds, so the rebuild orders them as they happened
        Assert.True((await Get<ThreadService>().ReplyAsync(postId, null, body, internalNote, by.Viewer, Ct)).Succeeded);
    }

    private async Task<List<(DateTime Since, bool First, DateTime? AnsweredAt, DateTime? EndedAt)>> WaitsAsync(int postId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return (await db.ComplaintWaits.Where(w => w.PostId == postId).OrderBy(w => w.Since).ToListAsync(Ct))
            .Select(w => (w.Since, w.First, w.AnsweredAt, w.EndedAt)).ToList();
    }

    // Each wait as (first, ended, answered).
    private async Task<List<(bool First, bool Ended, bool Answered)>> ShapeAsync(int postId) =>
        [.. (await WaitsAsync(postId)).Select(w => (w.First, w.EndedAt is not null, w.AnsweredAt is not null))];

    private async Task<(int Votes, int Loyal, int Newcomer)> CountsAsync(int postId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == postId, Ct);
        return (post.VoteCount, post.LoyalVoteCount, post.NewcomerVoteCount);
    }
}

public sealed class SqliteInsightsInStepTests(EmptyPortalFactory portal) : InsightsInStepTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresInsightsInStepTests(PostgresPortalFactory portal) : InsightsInStepTests(portal), IClassFixture<PostgresPortalFactory>;
