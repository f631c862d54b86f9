using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.PersonalData;

/// <summary>
/// Every kind the retention job erases goes in batches: with a batch of two and three rows due, a pass takes the two
/// oldest, the next pass the third, and no pass takes more than the batch (security events: <see cref="RetentionTests"/>).
/// The rows are dated 2001, older than anything else in the database, so they are the ones a pass takes first.
/// </summary>
public abstract class RetentionBatchTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<CareDb> DbAsync() => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);

    private RetentionJob Job() => RetentionTesting.Job(portal, o => o.BatchSize = 2);

    [Fact]
    public async Task Sent_mails_go_two_per_pass()
    {
        var mark = Guid.NewGuid().ToString("N");
        await portal.AddMailsAsync(mark, ("first", RetentionTesting.LongAgo, null), ("second", null, RetentionTesting.LongAgo), ("third", RetentionTesting.LongAgo, null));
        var job = Job();

        var first = await job.RunOnceAsync(Ct);
        var leftAfterFirst = await portal.MailsLeftAsync(mark);
        var second = await job.RunOnceAsync(Ct);
        var third = await job.RunOnceAsync(Ct);

        Assert.Equal((2, 1, 0), (first.MailsDropped, second.MailsDropped, third.MailsDropped));
        Assert.Equal(["third"], leftAfterFirst);
        Assert.Empty(await portal.MailsLeftAsync(mark));
        Assert.True(first.FilledABatch(2));
    }

    [Fact]
    public async Task Never_confirmed_accounts_go_two_per_pass_whether_empty_or_holding_content()
    {
        var oldest = await portal.AddAccountAsync(false, RetentionTesting.LongAgo, Roles.Customer);
        var writer = await portal.AddAccountAsync(false, RetentionTesting.LongAgo.AddMinutes(1), Roles.Customer);
        var youngest = await portal.AddAccountAsync(false, RetentionTesting.LongAgo.AddMinutes(2), Roles.Customer);
        await portal.ProposeIdeaAsync(writer, ct: Ct);
        var job = Job();

        var first = await job.RunOnceAsync(Ct);
        var afterFirst = await StatesAsync(oldest, writer, youngest);
        var second = await job.RunOnceAsync(Ct);
        var third = await job.RunOnceAsync(Ct);

        Assert.Equal(((1, 1), (1, 0), (0, 0)), (Accounts(first), Accounts(second), Accounts(third)));
        Assert.Equal(["gone", "tombstone", "unconfirmed"], afterFirst);
        Assert.Equal(["gone", "tombstone", "gone"], await StatesAsync(oldest, writer, youngest));
        Assert.True(first.FilledABatch(2));
        Assert.False(second.FilledABatch(2));
    }

    [Fact]
    public async Task Closed_complaints_go_two_per_pass()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var complaints = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var complaint = await portal.FileComplaintAsync(clara, ct: Ct);
            await SolvedAtAsync(complaint, RetentionTesting.LongAgo.AddDays(i));
            complaints.Add(complaint);
        }

        var job = Job();

        var first = await job.RunOnceAsync(Ct);
        var afterFirst = await AnonymizedAsync(complaints);
        var second = await job.RunOnceAsync(Ct);
        var third = await job.RunOnceAsync(Ct);

        Assert.Equal((2, 1, 0), (first.ComplaintsAnonymized, second.ComplaintsAnonymized, third.ComplaintsAnonymized));
        Assert.Equal([true, true, false], afterFirst);
        Assert.Equal([true, true, true], await AnonymizedAsync(complaints));
        Assert.True(first.FilledABatch(2));
    }

    private static (int Deleted, int Erased) Accounts(RetentionPass pass) => (pass.AccountsDeleted, pass.AccountsErased);

    private async Task<List<string>> StatesAsync(params TestPerson[] people)
    {
        await using var db = await DbAsync();
        var states = new List<string>();
        foreach (var person in people)
        {
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == person.Id, Ct);
            states.Add(user is null ? "gone" : user.DeletedAt is not null ? "tombstone" : user.EmailConfirmed ? "confirmed" : "unconfirmed");
        }

        return states;
    }

    private async Task<List<bool>> AnonymizedAsync(List<int> complaints)
    {
        await using var db = await DbAsync();
        var marked = await db.Posts.Where(p => complaints.Contains(p.Id)).Select(p => new { p.Id, p.AnonymizedAt }).ToListAsync(Ct);
        return [.. complaints.Select(id => marked.Single(p => p.Id == id).AnonymizedAt is not null)];
    }

    private async Task SolvedAtAsync(int complaint, DateTime then)
    {
        await using var db = await DbAsync();
        await db.Posts.Where(p => p.Id == complaint).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Status, PostStatus.Solved)
            .SetProperty(p => p.Outcome, ComplaintOutcome.ConfirmedByCustomer)
            .SetProperty(p => p.CreatedAt, then)
            .SetProperty(p => p.UpdatedAt, then), Ct);
        await db.StatusChanges.Where(c => c.PostId == complaint).ExecuteUpdateAsync(s => s.SetProperty(c => c.ChangedAt, then), Ct);
    }
}

public sealed class SqliteRetentionBatchTests(EmptyPortalFactory portal) : RetentionBatchTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresRetentionBatchTests(EmptyPostgresPortalFactory portal) : RetentionBatchTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
