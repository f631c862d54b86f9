using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Helpful;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Helpful;

/// <summary>
/// "Endorsed by Anna Berger, Customer Care": people who work here vouch for a customer's answer; the thread shows who,
/// every open page hears it, the answer's writer is notified; customers, the team's own replies, notes and unknown
/// replies are refused; of two colleagues the first one's name stays; it may be taken back. On SQLite and PostgreSQL.
/// </summary>
public abstract class EndorsementTests(PortalFactory portal)
{
    private EndorsementService Endorsements => portal.Services.GetRequiredService<EndorsementService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_endorse_a_customers_answer_the_thread_shows_who_the_writer_is_notified_and_every_page_hears_it()
    {
        var (_, helper, ideaId, replyId) = await portal.CustomerAnswerAsync();
        var anna = await portal.AddPersonAsync(Roles.Staff, "Anna Endorser", "Customer Care", Ct);
        using var recorder = new LiveEventRecorder(portal.Services.GetRequiredService<ILiveBus>());
        var heard = recorder.Listen(ideaId);

        var result = await Endorsements.SetAsync(replyId, true, anna.Viewer, Ct);

        Assert.Equal(EndorsementOutcome.Endorsed, result.Outcome);
        var shown = (await portal.ThreadAsync(ideaId, Viewer.Anonymous)).Single(r => r.Id == replyId).Endorsed;
        Assert.Equal((anna.Id, "Anna Endorser", "Customer Care"), (shown!.ById, shown.ByName, shown.ByJobTitle));
        var live = Assert.Single(heard.OfType<ReplyEndorsed>());
        Assert.Equal((replyId, shown), (live.ReplyId, live.Endorsement));
        await using var db = await DbAsync();
        var bell = Assert.Single(await db.Notifications.Where(n => n.UserId == helper.Id && n.Kind == NotificationKind.Endorsed).ToListAsync(Ct));
        Assert.Equal((anna.Id, (long?)replyId, ideaId), (bell.ActorId, bell.ReplyId, bell.PostId));
        var exported = Assert.Single((await portal.Services.GetRequiredService<PersonalDataExport>().CollectAsync(helper.Viewer, ct: Ct))!.Replies);
        Assert.Equal("Anna Endorser", exported.EndorsedBy);
    }

    [Fact]
    public async Task The_first_colleagues_name_stays_and_an_endorsement_can_be_taken_back()
    {
        var (_, _, ideaId, replyId) = await portal.CustomerAnswerAsync();
        var anna = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var jonas = await portal.AddPersonAsync(Roles.ProductOwner, ct: Ct);
        using var recorder = new LiveEventRecorder(portal.Services.GetRequiredService<ILiveBus>());
        var heard = recorder.Listen(ideaId);

        var results = await Task.WhenAll(new[] { anna, jonas }.Select(p => Task.Run(() => Endorsements.SetAsync(replyId, true, p.Viewer, Ct), Ct)));

        Assert.Single(results, r => r.Outcome == EndorsementOutcome.Endorsed);
        Assert.Single(results, r => r.Outcome == EndorsementOutcome.EndorsedByAnother);
        var winner = results.Single(r => r.Outcome == EndorsementOutcome.Endorsed).Endorsement!.ById;
        Assert.Equal(winner, results.Single(r => r.Outcome == EndorsementOutcome.EndorsedByAnother).Endorsement!.ById);
        Assert.Equal(EndorsementOutcome.Endorsed, (await Endorsements.SetAsync(replyId, true, winner == anna.Id ? anna.Viewer : jonas.Viewer, Ct)).Outcome);

        Assert.Equal(EndorsementOutcome.Withdrawn, (await Endorsements.SetAsync(replyId, false, jonas.Viewer, Ct)).Outcome);
        Assert.Null((await portal.ThreadAsync(ideaId, Viewer.Anonymous)).Single(r => r.Id == replyId).Endorsed);
        Assert.Null(heard.OfType<ReplyEndorsed>().Last().Endorsement);
    }

    [Fact]
    public async Task Customers_do_not_endorse_and_nobody_endorses_the_teams_replies_notes_or_unknown_replies()
    {
        var (_, helper, ideaId, replyId) = await portal.CustomerAnswerAsync();
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var staffReply = await portal.ReplyAsync(ideaId, staff);
        var note = await portal.ReplyAsync(ideaId, staff, internalNote: true);

        Assert.Equal(EndorsementOutcome.NotAllowed, (await Endorsements.SetAsync(replyId, true, helper.Viewer, Ct)).Outcome);
        Assert.Equal(EndorsementOutcome.NotAllowed, (await Endorsements.SetAsync(replyId, true, Viewer.Anonymous, Ct)).Outcome);
        Assert.Equal(EndorsementOutcome.NotEndorsable, (await Endorsements.SetAsync(staffReply, true, staff.Viewer, Ct)).Outcome);
        Assert.Equal(EndorsementOutcome.NotEndorsable, (await Endorsements.SetAsync(note, true, staff.Viewer, Ct)).Outcome);
        Assert.Equal(EndorsementOutcome.NotFound, (await Endorsements.SetAsync(long.MaxValue, true, staff.Viewer, Ct)).Outcome);
        await using var db = await DbAsync();
        Assert.False(await db.Replies.AnyAsync(r => r.PostId == ideaId && r.EndorsedById != null, Ct));
    }

    private Task<CareDb> DbAsync() => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
}

public sealed class SqliteEndorsementTests(EmptyPortalFactory portal) : EndorsementTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresEndorsementTests(PostgresPortalFactory portal) : EndorsementTests(portal), IClassFixture<PostgresPortalFactory>;
