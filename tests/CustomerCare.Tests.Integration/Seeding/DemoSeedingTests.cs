using System.Net;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Seeding;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Staff;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Seeding;

/// <summary>The demo company a newcomer sees on first start: complete, consistent and believable.</summary>
public sealed class DemoSeedingTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    [Fact]
    public Task Every_role_has_a_demo_account_that_can_sign_in() =>
        DemoDataChecks.AssertEveryDemoAccountSignsInAsync(portal.Services, Ct);

    [Fact]
    public async Task Demo_customer_is_a_long_time_customer_with_an_idea_and_a_private_complaint()
    {
        var now = portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var clara = await db.Users.SingleAsync(u => u.Email == DemoAccounts.Customer.Email, Ct);
        var posts = await db.Posts.Where(p => p.AuthorId == clara.Id).ToListAsync(Ct);

        Assert.True(clara.CustomerSince < now.AddYears(-3), "The demo customer should be a customer for years.");
        Assert.Contains(posts, p => p.Kind == PostKind.Idea);
        Assert.Contains(posts, p => p.Kind == PostKind.Complaint && !p.IsPublic);
    }

    [Fact]
    public async Task Staff_show_job_title_and_a_picture_that_is_served()
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var staff = await db.Users.Where(u => db.UserRoles.Any(r => r.UserId == u.Id && Roles.StaffRoleIds.Contains(r.RoleId))).ToListAsync(Ct);
        var pictures = await db.Users.Where(u => u.AvatarUrl != null).Select(u => u.AvatarUrl!).ToListAsync(Ct);
        using var client = portal.CreateClient();

        Assert.True(staff.Count >= 4, "Staff, product owner and admin should all be there.");
        Assert.All(staff, s => Assert.False(string.IsNullOrWhiteSpace(s.JobTitle) || s.AvatarUrl is null, $"{s.DisplayName} needs a job title and a picture."));
        Assert.True(await db.Users.AnyAsync(u => u.AvatarUrl == null, Ct), "Some customers show initials instead of a picture.");
        foreach (var picture in pictures)
        {
            using var response = await client.GetAsync(new Uri("/" + picture, UriKind.Relative), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{picture} answered {response.StatusCode}.");
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public Task Vote_and_reply_counters_equal_the_rows_they_count() =>
        DemoDataChecks.AssertCountersMatchRowsAsync(Dbs, Ct);

    [Fact]
    public Task Answers_are_customers_visible_replies_accepted_by_the_post_author() =>
        DemoDataChecks.AssertAnswersKeepTheRulesAsync(Dbs, Ct);

    [Fact]
    public async Task Every_status_history_is_a_chain_ending_in_the_current_status()
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var posts = await db.Posts.Include(p => p.StatusChanges).ToListAsync(Ct);

        Assert.All(posts, post =>
        {
            var status = PostStatus.Open;
            foreach (var change in post.StatusChanges.OrderBy(c => c.ChangedAt))
            {
                Assert.True(change.From == status, $"\"{post.Title}\" changes from {change.From} but was {status}.");
                status = change.To;
            }

            Assert.True(post.Status == status, $"\"{post.Title}\" is {post.Status} but its history ends in {status}.");
        });
        Assert.All(posts.Where(p => p.Status is PostStatus.Declined or PostStatus.Shipped),
            p => Assert.False(string.IsNullOrWhiteSpace(p.StatusChanges.MaxBy(c => c.ChangedAt)!.Note), $"\"{p.Title}\" should say why or in which release."));
    }

    [Fact]
    public async Task Ideas_and_complaints_cover_every_stage()
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var posts = await db.Posts.Select(p => new { p.Kind, p.Status, p.IsPublic }).ToListAsync(Ct);
        var ideas = posts.Where(p => p.Kind == PostKind.Idea).ToList();
        var complaints = posts.Where(p => p.Kind == PostKind.Complaint).ToList();

        Assert.InRange(ideas.Count, 20, 40);
        Assert.InRange(complaints.Count, 8, 20);
        Assert.Equal(
            [PostStatus.Open, PostStatus.UnderReview, PostStatus.Planned, PostStatus.InProgress, PostStatus.Shipped, PostStatus.Declined],
            ideas.Select(i => i.Status).Distinct().Order());
        Assert.Equal([PostStatus.Open, PostStatus.InProgress, PostStatus.Solved], complaints.Select(c => c.Status).Distinct().Order());
        Assert.InRange(complaints.Count(c => c.IsPublic), 2, 3);
        Assert.True(await db.Replies.AnyAsync(r => r.IsInternalNote, Ct), "Staff should have left internal notes.");
        Assert.True(await db.Replies.AnyAsync(r => r.ParentReplyId != null, Ct), "Some replies should answer other replies.");
    }

    [Fact]
    public async Task Every_idea_has_a_category_and_every_shipped_idea_names_its_release()
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var ideas = await db.Posts.Where(p => p.Kind == PostKind.Idea).Select(p => new { p.CategoryId, p.Status, p.ShippedIn }).ToListAsync(Ct);

        Assert.All(ideas, i => Assert.NotNull(i.CategoryId));
        Assert.True(ideas.Select(i => i.CategoryId).Distinct().Count() >= 5, "Ideas should spread over the categories.");
        Assert.All(ideas.Where(i => i.Status == PostStatus.Shipped), i => Assert.False(string.IsNullOrWhiteSpace(i.ShippedIn)));
        Assert.All(ideas.Where(i => i.Status != PostStatus.Shipped), i => Assert.Null(i.ShippedIn));
    }

    [Fact]
    public async Task Dates_follow_each_other_and_lie_in_the_past()
    {
        var now = portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var since = await db.Users.ToDictionaryAsync(u => u.Id, u => u.CustomerSince, Ct);
        var posts = await db.Posts.Include(p => p.Replies).Include(p => p.StatusChanges).Include(p => p.Votes).ToListAsync(Ct);
        var replies = posts.SelectMany(p => p.Replies).ToDictionary(r => r.Id);

        Assert.All(posts, post =>
        {
            Assert.InRange(post.CreatedAt, now.AddMonths(-19), now);
            Assert.InRange(post.UpdatedAt, post.CreatedAt, now);
            Assert.True(since[post.AuthorId] <= post.CreatedAt, $"The author of \"{post.Title}\" was not a customer yet.");
            Assert.All(post.Replies, r =>
            {
                Assert.InRange(r.CreatedAt, post.CreatedAt, now);
                Assert.True(since[r.AuthorId] <= r.CreatedAt, $"A reply on \"{post.Title}\" predates its author.");
                if (r.ParentReplyId is { } parentId)
                {
                    Assert.Null(replies[parentId].ParentReplyId);
                    Assert.True(replies[parentId].CreatedAt < r.CreatedAt, $"An answer on \"{post.Title}\" predates the reply it answers.");
                }
            });
            Assert.All(post.StatusChanges, c => Assert.InRange(c.ChangedAt, post.CreatedAt, now));
            var votingEnds = post.Status is PostStatus.Shipped or PostStatus.Declined ? post.StatusChanges.Max(c => c.ChangedAt) : now;
            Assert.All(post.Votes, v => Assert.InRange(v.CreatedAt, Max(post.CreatedAt, since[v.UserId]), votingEnds));
        });
        Assert.All(await db.Users.ToListAsync(Ct), u => Assert.Equal(DateTimeKind.Utc, u.CustomerSince.Kind));
    }

    [Fact]
    public async Task There_are_German_and_English_posts()
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var texts = await db.Posts.Select(p => " " + p.Title + " " + p.Body + " ").ToListAsync(Ct);
        string[] german = [" und ", " ich ", " nicht ", " der ", " die "];
        string[] english = [" the ", " and ", " my ", " is ", " would "];
        bool Speaks(string text, string[] words) => words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

        Assert.True(texts.Count(t => Speaks(t, german) && !Speaks(t, english)) >= 10, "Expected at least ten German posts.");
        Assert.True(texts.Count(t => Speaks(t, english) && !Speaks(t, german)) >= 10, "Expected at least ten English posts.");
    }

    [Fact]
    public async Task A_complaint_waits_for_a_first_staff_answer_on_the_staff_desk()
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var staffIds = db.UserRoles.Where(r => Roles.StaffRoleIds.Contains(r.RoleId)).Select(r => r.UserId);
        var unanswered = await db.Posts
            .Where(p => p.Kind == PostKind.Complaint && p.Status != PostStatus.Solved
                && !p.Replies.Any(r => !r.IsInternalNote && staffIds.Contains(r.AuthorId)))
            .Select(p => p.Id)
            .ToListAsync(Ct);
        var staff = await db.Users.SingleAsync(u => u.Email == DemoAccounts.Staff.Email, Ct);

        var desk = await portal.Services.GetRequiredService<StaffDeskService>()
            .ListAsync(new(), new Viewer(staff.Id, IsStaff: true, IsProductOwner: false, IsAdmin: false), Ct);

        Assert.NotEmpty(unanswered);
        Assert.All(unanswered, id => Assert.Contains(desk.Rows, r => r.Id == id && r.Waiting && r.FirstAnswer));
        Assert.Contains(desk.Rows, r => !r.Waiting);
    }

    [Fact]
    public async Task Every_complaint_the_team_has_touched_shows_the_face_its_history_names()
    {
        // What the desk shows on first start: the escalation job has run over the waiting complaints.
        await portal.Services.GetRequiredService<ComplaintEscalation>().RunOnceAsync(Ct);

        await DemoDataChecks.AssertComplaintOwnersKeepTheirPromiseAsync(Dbs, Ct);

        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var complaints = await db.Posts.Where(p => p.Kind == PostKind.Complaint).Select(p => new { p.Title, p.OwnerId }).ToListAsync(Ct);
        Assert.True(complaints.Count(c => c.OwnerId is null) <= 1, "Only a complaint just filed may still wait for an owner.");
        Assert.True(complaints.Select(c => c.OwnerId).Distinct().Count() >= 3, "The complaints should spread over the team.");
    }

    [Fact]
    public async Task The_desk_on_first_start_shows_an_owner_beside_every_complaint_but_one_just_filed()
    {
        var now = portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var staff = await db.Users.SingleAsync(u => u.Email == DemoAccounts.Staff.Email, Ct);

        var desk = await portal.Services.GetRequiredService<StaffDeskService>()
            .ListAsync(new(), new Viewer(staff.Id, IsStaff: true, IsProductOwner: false, IsAdmin: false), Ct);

        Assert.NotEmpty(desk.Rows);
        Assert.All(desk.Rows.Where(r => !(r.FirstAnswer && r.WaitingSince > now.AddHours(-4))),
            r => Assert.True(r.Owner is not null, $"The desk shows \"{r.Title}\" with nobody taking care of it."));
    }

    [Fact]
    public async Task Seeding_again_returns_false_and_adds_nothing()
    {
        var before = await DemoDataChecks.CountRowsAsync(Dbs, Ct);
        await using var scope = portal.Services.CreateAsyncScope();

        var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(Ct);

        Assert.False(seeded);
        Assert.Equal(before, await DemoDataChecks.CountRowsAsync(Dbs, Ct));
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
