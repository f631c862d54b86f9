using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Search;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerCare.Tests.Integration.Posts;

/// <summary>
/// Per-person limits on what others see (RateLimits): counted from the rows in the database, tighter for new accounts,
/// wider for long-standing customers and staff, exact when one person's writes race, and free again once the window
/// has passed. On SQLite votes go through the group commit, on PostgreSQL through one transaction each.
/// </summary>
public abstract class ActivityLimitTests(PortalFactory portal)
{
    private static readonly RateLimitOptions Limits = new();

    private readonly TestContent content = new(portal);

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private IdeaService Ideas => portal.Services.GetRequiredService<IdeaService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_account_proposing_its_26th_idea_in_a_minute_is_refused_and_nothing_more_is_saved()
    {
        var newcomer = await PersonAsync(Roles.Customer, confirmed: false, registered: TimeSpan.FromMinutes(1));

        var results = new List<ProposeResult>();
        for (var i = 1; i <= 26; i++)
        {
            results.Add(await Ideas.ProposeAsync(new ProposeIdea($"Idea number {i} of a newcomer", "Please have a look.", null), newcomer, Ct));
        }

        Assert.All(results.Take(Limits.Ideas.NewAccount), r => Assert.Equal(ProposeOutcome.Created, r.Outcome));
        Assert.All(results.Skip(Limits.Ideas.NewAccount), r => Assert.Equal(ProposeOutcome.LimitReached, r.Outcome));
        var wait = results[^1].RetryAfter!.Value;
        Assert.InRange(wait, TimeSpan.FromSeconds(1), Limits.Ideas.Window);
        Assert.Equal(Limits.Ideas.NewAccount, await CountAsync(db => db.Posts.Where(p => p.AuthorId == newcomer.UserId && p.Kind == PostKind.Idea)));
    }

    [Fact]
    public async Task An_unconfirmed_address_counts_as_new_however_old_the_account() =>
        Assert.Equal(Limits.Ideas.NewAccount, await ProposeUntilRefusedAsync(await PersonAsync(Roles.Customer, confirmed: false, registered: TimeSpan.FromDays(900))));

    [Fact]
    public async Task A_confirmed_account_of_the_last_day_is_still_new() =>
        Assert.Equal(Limits.Ideas.NewAccount, await ProposeUntilRefusedAsync(await PersonAsync(Roles.Customer, confirmed: true, registered: TimeSpan.FromHours(2))));

    [Fact]
    public async Task A_long_standing_customer_may_propose_more_than_a_new_account() =>
        Assert.Equal(Limits.Ideas.Customer, await ProposeUntilRefusedAsync(await PersonAsync(Roles.Customer, confirmed: true, registered: TimeSpan.FromDays(3 * 365))));

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.ProductOwner)]
    [InlineData(Roles.Admin)]
    public async Task People_who_work_here_propose_more_than_any_customer(string role)
    {
        var colleague = await PersonAsync(role, confirmed: true, registered: TimeSpan.FromDays(30));

        Assert.Equal(Limits.Ideas.Customer + 1, await ProposeUntilRefusedAsync(colleague, stopAfter: Limits.Ideas.Customer + 1));
    }

    [Fact]
    public async Task A_new_account_files_replies_and_votes_up_to_its_limits_and_is_told_how_long_to_wait()
    {
        var newcomer = await PersonAsync(Roles.Customer, confirmed: false, registered: TimeSpan.FromMinutes(5));
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideas = new List<int>();
        for (var i = 0; i <= Limits.Votes.NewAccount; i++)
        {
            ideas.Add(await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct));
        }

        var complaints = portal.Services.GetRequiredService<ComplaintService>();
        var filed = new List<ProposeResult>();
        for (var i = 0; i <= Limits.Complaints.NewAccount; i++)
        {
            filed.Add(await complaints.FileAsync(new FileComplaint($"My meter number {i}", "It is wrong.", ComplaintMood.Angry, null, false), newcomer, Ct));
        }

        var threads = portal.Services.GetRequiredService<ThreadService>();
        var replies = new List<ThreadResult>();
        for (var i = 0; i <= Limits.Replies.NewAccount; i++)
        {
            replies.Add(await threads.ReplyAsync(ideas[0], null, $"Me too, number {i}.", false, newcomer, Ct));
        }

        var votes = portal.Services.GetRequiredService<VoteService>();
        var cast = new List<VoteResult>();
        foreach (var idea in ideas)
        {
            cast.Add(await votes.ToggleAsync(idea, newcomer, Ct));
        }

        Assert.Equal([.. Enumerable.Repeat(ProposeOutcome.Created, Limits.Complaints.NewAccount), ProposeOutcome.LimitReached], filed.Select(r => r.Outcome));
        Assert.Equal([.. Enumerable.Repeat(ThreadOutcome.Posted, Limits.Replies.NewAccount), ThreadOutcome.LimitReached], replies.Select(r => r.Outcome));
        Assert.Equal([.. Enumerable.Repeat(VoteOutcome.Voted, Limits.Votes.NewAccount), VoteOutcome.LimitReached], cast.Select(r => r.Outcome));
        Assert.InRange(filed[^1].RetryAfter!.Value, TimeSpan.FromSeconds(1), Limits.Complaints.Window);
        Assert.InRange(replies[^1].RetryAfter!.Value, TimeSpan.FromSeconds(1), Limits.Replies.Window);
        Assert.InRange(cast[^1].RetryAfter!.Value, TimeSpan.FromSeconds(1), Limits.Votes.Window);
        Assert.Equal(0, cast[^1].VoteCount);
        Assert.Equal((0, 0), await content.VotesAsync(ideas[^1], Ct));
        Assert.Equal(Limits.Replies.NewAccount, await CountAsync(db => db.Replies.Where(r => r.AuthorId == newcomer.UserId)));
        Assert.Equal(Limits.Complaints.NewAccount, await CountAsync(db => db.Posts.Where(p => p.AuthorId == newcomer.UserId && p.Kind == PostKind.Complaint)));
    }

    [Fact]
    public async Task Withdrawing_a_vote_is_never_refused_and_makes_room_for_another()
    {
        var newcomer = await PersonAsync(Roles.Customer, confirmed: false, registered: TimeSpan.FromMinutes(5));
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var votes = portal.Services.GetRequiredService<VoteService>();
        var ideas = new List<int>();
        for (var i = 0; i <= Limits.Votes.NewAccount; i++)
        {
            ideas.Add(await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct));
        }

        foreach (var idea in ideas.SkipLast(1))
        {
            Assert.Equal(VoteOutcome.Voted, (await votes.ToggleAsync(idea, newcomer, Ct)).Outcome);
        }

        Assert.Equal(VoteOutcome.LimitReached, (await votes.ToggleAsync(ideas[^1], newcomer, Ct)).Outcome);
        Assert.Equal(VoteOutcome.Withdrawn, (await votes.ToggleAsync(ideas[0], newcomer, Ct)).Outcome);
        Assert.Equal(VoteOutcome.Voted, (await votes.ToggleAsync(ideas[^1], newcomer, Ct)).Outcome);
        Assert.Equal((1, 1), await content.VotesAsync(ideas[^1], Ct));
    }

    [Fact]
    public async Task Replies_one_person_sends_at_once_stop_exactly_at_the_limit()
    {
        var newcomer = await PersonAsync(Roles.Customer, confirmed: false, registered: TimeSpan.FromMinutes(5));
        var ideaId = await content.AddPostAsync(PostKind.Idea, (await content.AddPersonAsync(Roles.Customer, Ct)).UserId!, Ct);
        var threads = portal.Services.GetRequiredService<ThreadService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 3 * Limits.Replies.NewAccount).Select(i =>
            Task.Run(() => threads.ReplyAsync(ideaId, null, $"All at once, number {i}.", false, newcomer, Ct), Ct)));

        Assert.Equal(Limits.Replies.NewAccount, results.Count(r => r.Outcome == ThreadOutcome.Posted));
        Assert.Equal(2 * Limits.Replies.NewAccount, results.Count(r => r.Outcome == ThreadOutcome.LimitReached));
        Assert.Equal(Limits.Replies.NewAccount, await CountAsync(db => db.Replies.Where(r => r.AuthorId == newcomer.UserId)));
        Assert.Equal(Limits.Replies.NewAccount, await CountAsync(db => db.Posts.Where(p => p.Id == ideaId).SelectMany(p => p.Replies)));
    }

    [Fact]
    public async Task Votes_one_person_casts_at_once_stop_exactly_at_the_limit()
    {
        var newcomer = await PersonAsync(Roles.Customer, confirmed: false, registered: TimeSpan.FromMinutes(5));
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideas = new List<int>();
        for (var i = 0; i < Limits.Votes.NewAccount + 10; i++)
        {
            ideas.Add(await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct));
        }

        var votes = portal.Services.GetRequiredService<VoteService>();
        var results = await Task.WhenAll(ideas.Select(idea => Task.Run(() => votes.ToggleAsync(idea, newcomer, Ct), Ct)));

        Assert.Equal(Limits.Votes.NewAccount, results.Count(r => r.Outcome == VoteOutcome.Voted));
        Assert.Equal(10, results.Count(r => r.Outcome == VoteOutcome.LimitReached));
        Assert.Equal(Limits.Votes.NewAccount, await CountAsync(db => db.Votes.Where(v => v.UserId == newcomer.UserId)));
    }

    [Fact]
    public async Task The_limit_frees_up_once_the_oldest_idea_that_counts_has_left_the_window()
    {
        // Whole seconds: PostgreSQL keeps microseconds, so a clock with ticks would store a moment other than it read.
        var clock = new ManualTime(DateTime.UnixEpoch.AddSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var ideas = IdeasOn(clock);
        var newcomer = await PersonAsync(Roles.Customer, confirmed: false, registered: TimeSpan.FromMinutes(5));
        for (var i = 0; i < Limits.Ideas.NewAccount; i++)
        {
            Assert.Equal(ProposeOutcome.Created, (await ideas.ProposeAsync(new($"Early idea {i} of the hour", "Please.", null), newcomer, Ct)).Outcome);
            clock.Advance(TimeSpan.FromMinutes(10));
        }

        var refused = await ideas.ProposeAsync(new("One idea too many", "Please.", null), newcomer, Ct);
        clock.Advance(refused.RetryAfter!.Value - TimeSpan.FromSeconds(1));
        var stillRefused = await ideas.ProposeAsync(new("One idea too many", "Please.", null), newcomer, Ct);
        clock.Advance(TimeSpan.FromSeconds(1));
        var accepted = await ideas.ProposeAsync(new("One idea too many", "Please.", null), newcomer, Ct);

        // Proposed at 0, 10 and 20 minutes, refused at 30: the one from 0 leaves the hour at 60, in 30 minutes.
        Assert.Equal(ProposeOutcome.LimitReached, refused.Outcome);
        Assert.Equal(Limits.Ideas.Window - TimeSpan.FromMinutes(10 * Limits.Ideas.NewAccount), refused.RetryAfter);
        Assert.Equal(ProposeOutcome.LimitReached, stillRefused.Outcome);
        Assert.Equal(ProposeOutcome.Created, accepted.Outcome);
    }

    private IdeaService IdeasOn(TimeProvider clock) => new(
        Dbs, portal.Services.GetRequiredService<PostService>(), portal.Services.GetRequiredService<SearchPath>(),
        portal.Services.GetRequiredService<ILiveBus>(), clock, portal.Services.GetRequiredService<NotificationService>(),
        new ActivityLimits(portal.Services.GetRequiredService<IOptionsMonitor<RateLimitOptions>>(), clock),
        portal.Services.GetRequiredService<PostingRights>(), portal.Services.GetRequiredService<CustomerCare.Web.Features.Webhooks.WebhookPublisher>(),
        portal.Services.GetRequiredService<CustomerCare.Web.Features.Pictures.PictureAttachments>());

    private async Task<int> ProposeUntilRefusedAsync(Viewer viewer, int stopAfter = int.MaxValue)
    {
        for (var created = 0; ; created++)
        {
            if (created == stopAfter)
            {
                return created;
            }

            var result = await Ideas.ProposeAsync(new ProposeIdea($"Idea {created} {Guid.NewGuid():N}", "Please.", null), viewer, Ct);
            if (result.Outcome != ProposeOutcome.Created)
            {
                Assert.Equal(ProposeOutcome.LimitReached, result.Outcome);
                return created;
            }
        }
    }

    private async Task<Viewer> PersonAsync(string role, bool confirmed, TimeSpan registered)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var email = $"limits-{Guid.NewGuid():N}@example.test";
        var user = new CareUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = confirmed, DisplayName = "Limited person", CustomerSince = DateTime.UtcNow - registered,
        };
        db.Users.Add(user);
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(Ct);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync(Ct);
        return TestContent.ViewerFor(role, user.Id);
    }

    private async Task<int> CountAsync<T>(Func<CareDb, IQueryable<T>> rows)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await rows(db).CountAsync(Ct);
    }
}

public sealed class SqliteActivityLimitTests(EmptyPortalFactory portal) : ActivityLimitTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresActivityLimitTests(EmptyPostgresPortalFactory portal) : ActivityLimitTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
