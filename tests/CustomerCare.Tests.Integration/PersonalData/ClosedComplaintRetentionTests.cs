using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Search;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Threads;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.PersonalData;

/// <summary>
/// Closed complaints past the period lose what the customer said and who they are; the numbers the company counts stay,
/// search no longer finds their words, and open or recently closed complaints are left alone.
/// </summary>
public abstract class ClosedComplaintRetentionTests(PortalFactory portal)
{
    private const string StaffAnswer = "We refunded the second charge to your account.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private ThreadService Threads => portal.Services.GetRequiredService<ThreadService>();

    private RetentionJob Job() => RetentionTesting.Job(portal);

    [Fact]
    public async Task A_complaint_solved_longer_ago_than_the_period_keeps_its_numbers_and_loses_its_words_and_its_customer()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, "Clara Retained", ct: Ct);
        var anna = await portal.AddPersonAsync(Roles.Staff, "Anna Retained", "Customer Care", Ct);
        var word = UniqueWord();
        var complaint = await portal.FileComplaintAsync(clara, TestPeople.UniqueTitle($"Charged twice {word}"), ComplaintMood.Angry, ct: Ct);
        Assert.True((await Threads.ReplyAsync(complaint, null, StaffAnswer, false, anna.Viewer, Ct)).Succeeded);
        var upload = await TestPictures.UploadAsync(portal.Services, "Clara's bank statement", Ct);
        Assert.True((await Threads.ReplyWithPicturesAsync(complaint, null, "Thank you, the money arrived.", false, [upload], clara.Viewer, Ct)).Succeeded);
        await SolveAsync(complaint, yearsAgo: 4);
        Assert.Contains(complaint, await SearchAsync(word));

        await Job().RunOnceAsync(Ct);

        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == complaint, Ct);
        Assert.NotNull(post.AnonymizedAt);
        Assert.Equal((ClosedComplaints.AnonymizedTitle, "", null, null), (post.Title, post.Body, post.Reference, post.RatingComment));
        Assert.Equal((PostStatus.Solved, ComplaintOutcome.ConfirmedByCustomer, ComplaintMood.Angry, 4, anna.Id),
            (post.Status, post.Outcome!.Value, post.Mood!.Value, post.Rating!.Value, post.OwnerId));
        Assert.Equal(FormerCustomer.Id, post.AuthorId);
        var replies = await db.Replies.Where(r => r.PostId == complaint).OrderBy(r => r.Id).Select(r => new { r.AuthorId, r.Body }).ToListAsync(Ct);
        Assert.Equal([(anna.Id, ""), (FormerCustomer.Id, "")], replies.Select(r => (r.AuthorId, r.Body)));
        Assert.False(await db.Notifications.AnyAsync(n => n.PostId == complaint, Ct));
        Assert.False(await db.PostFollows.AnyAsync(f => f.PostId == complaint, Ct));
        Assert.False(await db.Pictures.AnyAsync(p => p.PostId == complaint, Ct));
        Assert.False(await db.Posts.AnyAsync(p => p.AuthorId == clara.Id, Ct));
        Assert.False(await db.Replies.AnyAsync(r => r.AuthorId == clara.Id, Ct));
        Assert.DoesNotContain(complaint, await SearchAsync(word));
    }

    [Fact]
    public async Task Open_and_recently_solved_complaints_are_left_alone()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var openTitle = TestPeople.UniqueTitle("Still waiting");
        var open = await portal.FileComplaintAsync(clara, openTitle, ct: Ct);
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            var longAgo = DateTime.UtcNow.AddYears(-5);
            await db.Posts.Where(p => p.Id == open).ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, longAgo).SetProperty(p => p.CreatedAt, longAgo), Ct);
        }

        var recentTitle = TestPeople.UniqueTitle("Solved last year");
        var recent = await portal.FileComplaintAsync(clara, recentTitle, ct: Ct);
        await SolveAsync(recent, yearsAgo: 2);

        await Job().RunOnceAsync(Ct);

        await using var check = await Dbs.CreateDbContextAsync(Ct);
        var rows = await check.Posts.Where(p => p.Id == open || p.Id == recent).OrderBy(p => p.Id)
            .Select(p => new { p.Title, p.AuthorId, p.AnonymizedAt }).ToListAsync(Ct);
        Assert.Equal([(openTitle, clara.Id, (DateTime?)null), (recentTitle, clara.Id, null)], rows.Select(r => (r.Title, r.AuthorId, r.AnonymizedAt)));
    }

    [Fact]
    public async Task Running_the_job_again_changes_nothing_more()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var anna = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var complaint = await portal.FileComplaintAsync(clara, ct: Ct);
        Assert.True((await Threads.ReplyAsync(complaint, null, StaffAnswer, false, anna.Viewer, Ct)).Succeeded);
        await SolveAsync(complaint, yearsAgo: 4);
        await Job().RunOnceAsync(Ct);
        var first = await SnapshotAsync(complaint);

        var again = await Job().RunOnceAsync(Ct);

        Assert.Equal(0, again.ComplaintsAnonymized);
        Assert.Equal(first, await SnapshotAsync(complaint));
    }

    [Fact]
    public async Task The_former_customer_cannot_sign_in_has_no_address_and_no_role()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var complaint = await portal.FileComplaintAsync(clara, ct: Ct);
        await SolveAsync(complaint, yearsAgo: 4);
        await Job().RunOnceAsync(Ct);

        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        var former = await users.FindByIdAsync(FormerCustomer.Id);

        Assert.NotNull(former);
        Assert.Equal((null, null, FormerCustomer.DisplayName), (former.Email, former.PasswordHash, former.DisplayName));
        Assert.True(await users.IsLockedOutAsync(former));
        Assert.False(await users.CheckPasswordAsync(former, TestPeople.Password));
        Assert.Empty(await users.GetRolesAsync(former));
        var signIn = await scope.ServiceProvider.GetRequiredService<SignInManager<CareUser>>().CheckPasswordSignInAsync(former, "", lockoutOnFailure: false);
        Assert.False(signIn.Succeeded);
    }

    private async Task SolveAsync(int complaint, int yearsAgo)
    {
        var then = DateTime.UtcNow.AddYears(-yearsAgo);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        await db.Posts.Where(p => p.Id == complaint).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Status, PostStatus.Solved)
            .SetProperty(p => p.Outcome, ComplaintOutcome.ConfirmedByCustomer)
            .SetProperty(p => p.Reference, "INV-2023-0042")
            .SetProperty(p => p.Rating, 4)
            .SetProperty(p => p.RatingComment, "Quick once someone looked at it.")
            .SetProperty(p => p.RatedAt, then)
            .SetProperty(p => p.CreatedAt, then.AddDays(-3))
            .SetProperty(p => p.UpdatedAt, then), Ct);
        await db.Replies.Where(r => r.PostId == complaint).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, then.AddDays(-1)), Ct);
        await db.StatusChanges.Where(c => c.PostId == complaint).ExecuteUpdateAsync(s => s.SetProperty(c => c.ChangedAt, then), Ct);
    }

    private async Task<List<int>> SearchAsync(string word)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.FullText(PostSearch.Words(word), SearchMatch.AllWords).Select(h => h.Id).ToListAsync(Ct);
    }

    private async Task<string> SnapshotAsync(int complaint)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == complaint, Ct);
        var replies = await db.Replies.Where(r => r.PostId == complaint).OrderBy(r => r.Id).Select(r => r.AuthorId + ":" + r.Body).ToListAsync(Ct);
        return string.Join("|", post.Title, post.Body, post.AuthorId, post.AnonymizedAt?.Ticks, post.Rating, post.Status, string.Join(",", replies));
    }

    /// <summary>A word of letters only that no other post holds, so a search finds this complaint or nothing.</summary>
    private static string UniqueWord() => "zq" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + (c % 16))));
}

public sealed class SqliteClosedComplaintRetentionTests(EmptyPortalFactory portal) : ClosedComplaintRetentionTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresClosedComplaintRetentionTests(EmptyPostgresPortalFactory portal) : ClosedComplaintRetentionTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
