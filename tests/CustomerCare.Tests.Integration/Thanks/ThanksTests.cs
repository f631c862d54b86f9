using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Team;
using CustomerCare.Web.Features.Thanks;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Thanks;

/// <summary>
/// Thanks: a customer thanks a staff member's reply or the owner who solved their complaint, once (also from two tabs at
/// once), with a note told at the field when too long; the staff member's bell hears of it; the team page counts it and
/// the profile shows the notes their writers allowed, and to the staff member all of them. On SQLite and PostgreSQL.
/// </summary>
public abstract class ThanksTests(PortalFactory portal)
{
    private ThanksService Thanks => portal.Services.GetRequiredService<ThanksService>();

    private TeamService Team => portal.Services.GetRequiredService<TeamService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_thanks_a_staff_reply_once_the_staff_member_is_notified_and_counted()
    {
        var (customer, staff, ideaId, replyId) = await StaffReplyOnAnIdeaAsync();

        var first = await Thanks.ThankReplyAsync(replyId, "  You explained it so well.  ", true, customer.Viewer, Ct);
        var again = await Thanks.ThankReplyAsync(replyId, "Once more", true, customer.Viewer, Ct);

        Assert.Equal(ThanksOutcome.Thanked, first.Outcome);
        Assert.Equal(ThanksOutcome.AlreadyThanked, again.Outcome);
        await using var db = await DbAsync();
        var stored = Assert.Single(await db.Thanks.Where(t => t.FromUserId == customer.Id).ToListAsync(Ct));
        Assert.Equal(("You explained it so well.", true, staff.Id, ideaId), (stored.Note, stored.ShowNote, stored.ToUserId, stored.PostId));
        var bell = Assert.Single(await db.Notifications.Where(n => n.UserId == staff.Id && n.Kind == NotificationKind.Thanked).ToListAsync(Ct));
        Assert.Equal((customer.Id, (long?)replyId), (bell.ActorId, bell.ReplyId));
        var member = Assert.Single(await Team.ListAsync(Ct), m => m.Id == staff.Id);
        Assert.Equal(1, member.Thanked);
        Assert.Contains(Data.Entities.Thanks.ReplyTarget(replyId), await Thanks.ThankedOnAsync(ideaId, customer.Viewer, Ct));
    }

    [Fact]
    public async Task Two_thanks_at_once_from_two_tabs_make_one()
    {
        var (customer, _, _, replyId) = await StaffReplyOnAnIdeaAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Thanks.ThankReplyAsync(replyId, null, false, customer.Viewer, Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Outcome.ToString()));
        Assert.Single(results, r => r.Outcome == ThanksOutcome.Thanked);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Thanks.CountAsync(t => t.FromUserId == customer.Id, Ct));
    }

    [Fact]
    public async Task A_note_over_its_limit_is_told_at_the_field_and_nothing_is_stored()
    {
        var (customer, _, _, replyId) = await StaffReplyOnAnIdeaAsync();

        var result = await Thanks.ThankReplyAsync(replyId, new string('x', Data.Entities.Thanks.NoteMaxLength + 1), true, customer.Viewer, Ct);

        Assert.Equal(ThanksOutcome.Invalid, result.Outcome);
        Assert.Equal("Thanks_NoteTooLong", result.Errors!["Note"]);
        await using var db = await DbAsync();
        Assert.False(await db.Thanks.AnyAsync(t => t.FromUserId == customer.Id, Ct));
    }

    [Fact]
    public async Task Only_a_customer_thanks_and_only_a_staff_reply_that_is_not_theirs()
    {
        var (customer, staff, ideaId, staffReply) = await StaffReplyOnAnIdeaAsync();
        var other = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var customerReply = await ReplyAsync(ideaId, other);
        var colleague = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var note = await ReplyAsync(ideaId, staff, internalNote: true);

        Assert.Equal(ThanksOutcome.SignInRequired, (await Thanks.ThankReplyAsync(staffReply, null, false, Viewer.Anonymous, Ct)).Outcome);
        Assert.Equal(ThanksOutcome.NotThankable, (await Thanks.ThankReplyAsync(staffReply, null, false, colleague.Viewer, Ct)).Outcome);
        Assert.Equal(ThanksOutcome.NotThankable, (await Thanks.ThankReplyAsync(customerReply, null, false, customer.Viewer, Ct)).Outcome);
        Assert.Equal(ThanksOutcome.NotFound, (await Thanks.ThankReplyAsync(note, null, false, customer.Viewer, Ct)).Outcome);
        Assert.Equal(ThanksOutcome.NotFound, (await Thanks.ThankReplyAsync(long.MaxValue, null, false, customer.Viewer, Ct)).Outcome);
    }

    [Fact]
    public async Task A_reply_on_someone_elses_private_complaint_cannot_be_thanked()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var stranger = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var complaint = await portal.FileComplaintAsync(author, ct: Ct);
        var reply = await ReplyAsync(complaint, staff);

        Assert.Equal(ThanksOutcome.NotFound, (await Thanks.ThankReplyAsync(reply, null, false, stranger.Viewer, Ct)).Outcome);
        Assert.Equal(ThanksOutcome.Thanked, (await Thanks.ThankReplyAsync(reply, null, false, author.Viewer, Ct)).Outcome);
    }

    [Fact]
    public async Task The_customer_thanks_the_owner_for_a_solved_complaint_and_not_before()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var owner = await portal.AddPersonAsync(Roles.Staff, "Olga Owner", "Customer Care", Ct);
        var complaint = await portal.FileComplaintAsync(author, ct: Ct);
        await using (var db = await DbAsync())
        {
            await db.Posts.Where(p => p.Id == complaint).ExecuteUpdateAsync(s => s.SetProperty(p => p.OwnerId, owner.Id), Ct);
        }

        var early = await Thanks.ThankForSolutionAsync(complaint, null, false, author.Viewer, Ct);
        await using (var db = await DbAsync())
        {
            await db.Posts.Where(p => p.Id == complaint).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Solved), Ct);
        }

        var other = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var notTheirs = await Thanks.ThankForSolutionAsync(complaint, null, false, other.Viewer, Ct);
        var thanked = await Thanks.ThankForSolutionAsync(complaint, "You solved it in a day.", true, author.Viewer, Ct);
        var twice = await Thanks.ThankForSolutionAsync(complaint, null, false, author.Viewer, Ct);

        Assert.Equal(ThanksOutcome.NotThankable, early.Outcome);
        Assert.Equal(ThanksOutcome.NotFound, notTheirs.Outcome);
        Assert.Equal(ThanksOutcome.Thanked, thanked.Outcome);
        Assert.Equal(ThanksOutcome.AlreadyThanked, twice.Outcome);
        var profile = await Team.ProfileAsync(owner.Id, Viewer.Anonymous, Ct);
        Assert.Equal(1, profile!.Member.Thanked);
        Assert.Equal("You solved it in a day.", Assert.Single(profile.Notes).Note);
    }

    [Fact]
    public async Task A_profile_shows_the_notes_their_writers_allowed_and_the_staff_member_sees_all_of_them()
    {
        var (customer, staff, ideaId, replyId) = await StaffReplyOnAnIdeaAsync();
        var second = await ReplyAsync(ideaId, staff);
        var third = await ReplyAsync(ideaId, staff);
        await Thanks.ThankReplyAsync(replyId, "Shown to everyone", true, customer.Viewer, Ct);
        await Thanks.ThankReplyAsync(second, "Only for you", false, customer.Viewer, Ct);
        await Thanks.ThankReplyAsync(third, null, true, customer.Viewer, Ct);

        var public_ = await Team.ProfileAsync(staff.Id, customer.Viewer, Ct);
        var own = await Team.ProfileAsync(staff.Id, staff.Viewer, Ct);

        Assert.Equal(3, public_!.Member.Thanked);
        Assert.Equal(["Shown to everyone"], public_.Notes.Select(n => n.Note));
        Assert.False(public_.IsOwn);
        Assert.Equal(["Only for you", "Shown to everyone"], own!.Notes.Select(n => n.Note).Order(StringComparer.Ordinal));
        Assert.True(own.IsOwn);
    }

    [Fact]
    public async Task Both_sides_find_the_thanks_in_their_data_download()
    {
        var (customer, staff, ideaId, replyId) = await StaffReplyOnAnIdeaAsync();
        await Thanks.ThankReplyAsync(replyId, "Kind words", false, customer.Viewer, Ct);
        var export = portal.Services.GetRequiredService<PersonalDataExport>();

        var given = Assert.Single((await export.CollectAsync(customer.Viewer, ct: Ct))!.ThanksGiven);
        var received = Assert.Single((await export.CollectAsync(staff.Viewer, ct: Ct))!.ThanksReceived);

        Assert.Equal(("Sina Service", ideaId, (long?)replyId, "Kind words", false), (given.Person, given.PostId, given.ReplyId, given.Note, given.ShowNote));
        Assert.Equal((customer.DisplayName, "Kind words"), (received.Person, received.Note));
        Assert.NotNull(given.PostTitle);
    }

    [Fact]
    public async Task Customers_have_no_profile_and_the_team_lists_only_people_who_work_here()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var owner = await portal.AddPersonAsync(Roles.ProductOwner, ct: Ct);

        Assert.Null(await Team.ProfileAsync(customer.Id, Viewer.Anonymous, Ct));
        Assert.Null(await Team.ProfileAsync("no-such-person", Viewer.Anonymous, Ct));
        var team = await Team.ListAsync(Ct);
        Assert.Contains(team, m => m.Id == owner.Id);
        Assert.DoesNotContain(team, m => m.Id == customer.Id);
    }

    private async Task<(TestPerson Customer, TestPerson Staff, int IdeaId, long ReplyId)> StaffReplyOnAnIdeaAsync()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var staff = await portal.AddPersonAsync(Roles.Staff, "Sina Service", "Customer Care", Ct);
        var ideaId = await portal.ProposeIdeaAsync(customer, ct: Ct);
        return (customer, staff, ideaId, await ReplyAsync(ideaId, staff));
    }

    private async Task<long> ReplyAsync(int postId, TestPerson by, bool internalNote = false)
    {
        var result = await portal.Services.GetRequiredService<ThreadService>().ReplyAsync(postId, null, "Here is how it works.", internalNote, by.Viewer, Ct);
        Assert.True(result.Succeeded, result.Outcome.ToString());
        return result.Reply!.Id;
    }

    private Task<CareDb> DbAsync() => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
}

public sealed class SqliteThanksTests(EmptyPortalFactory portal) : ThanksTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresThanksTests(PostgresPortalFactory portal) : ThanksTests(portal), IClassFixture<PostgresPortalFactory>;
