using System.Globalization;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Mentions;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Mentions;

/// <summary>
/// "@" mentions: whom they notify (only who may see the post and the reply, once, never the writer, on an edit only the
/// newly mentioned, a waiting reply only once approved), how they show (a link only for who may see the text) and whom
/// the composer offers. On SQLite and PostgreSQL.
/// </summary>
public abstract class MentionTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ThreadService Threads => portal.Services.GetRequiredService<ThreadService>();

    private MentionService Mentions => portal.Services.GetRequiredService<MentionService>();

    [Fact]
    public async Task A_customer_mentioned_on_a_public_idea_hears_it_once_as_a_mention_and_is_linked()
    {
        var (asker, helper, staff) = (await Customer(), await Customer(), await Staff());
        var ideaId = await portal.ProposeIdeaAsync(asker, ct: Ct);
        await ReplyAsync(ideaId, helper, "Same here."); // the helper now follows the idea

        var replyId = await ReplyAsync(ideaId, staff, $"Thanks {Token(helper)}, we are on it.");

        Assert.Equal([(helper.Id, NotificationKind.Mentioned)], await NotifiedAsync(ideaId, replyId, helper.Id));
        Assert.Equal([(asker.Id, NotificationKind.Reply)], await NotifiedAsync(ideaId, replyId, asker.Id));
        var shown = await ShownAsync(ideaId, helper, internalNote: false, asker.Viewer);
        Assert.Equal(new MentionShown(helper.DisplayName, $"/people/{helper.Id}"), shown);
    }

    [Fact]
    public async Task Another_customer_mentioned_on_a_private_complaint_hears_nothing_and_gets_no_link()
    {
        var (customer, outsider, staff, colleague) = (await Customer(), await Customer(), await Staff(), await Staff("Support lead"));
        var complaintId = await portal.FileComplaintAsync(customer, ct: Ct);

        var replyId = await ReplyAsync(complaintId, staff, $"{Token(outsider)} and {Token(colleague)}, please look.");

        Assert.Empty(await NotifiedAsync(complaintId, replyId, outsider.Id));
        Assert.Equal([(colleague.Id, NotificationKind.Mentioned)], await NotifiedAsync(complaintId, replyId, colleague.Id));
        Assert.Equal([(customer.Id, NotificationKind.Reply)], await NotifiedAsync(complaintId, replyId, customer.Id));
        Assert.Equal(new MentionShown(outsider.DisplayName, null), await ShownAsync(complaintId, outsider, false, staff.Viewer));
        Assert.Equal(new MentionShown(colleague.DisplayName, $"/team/{colleague.Id}"), await ShownAsync(complaintId, colleague, false, customer.Viewer));
    }

    [Fact]
    public async Task A_mention_in_an_internal_note_tells_colleagues_only()
    {
        var (asker, staff, colleague) = (await Customer(), await Staff(), await Staff());
        var ideaId = await portal.ProposeIdeaAsync(asker, ct: Ct);

        var noteId = await ReplyAsync(ideaId, staff, $"{Token(colleague)}: {Token(asker)} called twice.", internalNote: true);

        Assert.Empty(await NotifiedAsync(ideaId, noteId, asker.Id));
        Assert.Equal([(colleague.Id, NotificationKind.Mentioned)], await NotifiedAsync(ideaId, noteId, colleague.Id));
        Assert.Null((await ShownAsync(ideaId, asker, internalNote: true, staff.Viewer)).Href);
        Assert.NotNull((await ShownAsync(ideaId, colleague, internalNote: true, staff.Viewer)).Href);
    }

    [Fact]
    public async Task An_edit_tells_only_the_newly_mentioned_and_nobody_hears_of_mentioning_themself()
    {
        var (asker, staff, first, second) = (await Customer(), await Staff(), await Customer(), await Customer());
        var ideaId = await portal.ProposeIdeaAsync(asker, ct: Ct);
        var replyId = await ReplyAsync(ideaId, staff, $"{Token(first)} and I, {Token(staff)}, will check.");

        var edited = await Threads.EditAsync(replyId, $"{Token(first)}, {Token(second)} and I, {Token(staff)}, will check.", staff.Viewer, Ct);

        Assert.Equal(ThreadOutcome.Edited, edited.Outcome);
        Assert.Equal([(first.Id, NotificationKind.Mentioned)], await NotifiedAsync(ideaId, replyId, first.Id));
        Assert.Equal([(second.Id, NotificationKind.Mentioned)], await NotifiedAsync(ideaId, replyId, second.Id));
        Assert.Empty(await NotifiedAsync(ideaId, replyId, staff.Id));
    }

    [Fact]
    public async Task A_waiting_reply_tells_the_mentioned_only_once_it_is_approved()
    {
        var (asker, writer, staff) = (await Customer(), await Customer(), await Staff());
        var ideaId = await portal.ProposeIdeaAsync(asker, ct: Ct);
        long replyId;
        var configuration = (IConfigurationRoot)portal.Services.GetRequiredService<IConfiguration>();
        configuration["Moderation:Hold"] = "Everyone";
        configuration.Reload();
        try
        {
            replyId = await ReplyAsync(ideaId, writer, $"{Token(staff)}, can you help?");
        }
        finally
        {
            configuration["Moderation:Hold"] = "Off";
            configuration.Reload();
        }

        Assert.Empty(await NotifiedAsync(ideaId, replyId, staff.Id));
        var approver = await Staff();
        var approved = await portal.Services.GetRequiredService<HoldReviewService>().ApproveAsync(ideaId, replyId, approver.Viewer, Ct);

        Assert.Equal(ModerationOutcome.Done, approved.Outcome);
        Assert.Equal([(staff.Id, NotificationKind.Mentioned)], await NotifiedAsync(ideaId, replyId, staff.Id));
        Assert.Equal([(asker.Id, NotificationKind.Reply)], await NotifiedAsync(ideaId, replyId, asker.Id));
    }

    [Fact]
    public async Task An_erased_account_shows_as_its_placeholder_without_a_link_and_hears_nothing()
    {
        var (asker, staff, gone) = (await Customer(), await Staff(), await Customer());
        var ideaId = await portal.ProposeIdeaAsync(asker, ct: Ct);
        await using (var db = await DbAsync())
        {
            await db.Users.Where(u => u.Id == gone.Id).ExecuteUpdateAsync(
                s => s.SetProperty(u => u.DeletedAt, DateTime.UtcNow).SetProperty(u => u.DisplayName, CareUser.FormerCustomerName), Ct);
        }

        var replyId = await ReplyAsync(ideaId, staff, $"As {Token(gone)} said.");

        Assert.Empty(await NotifiedAsync(ideaId, replyId, gone.Id));
        Assert.Equal(new MentionShown("Former customer", null), await ShownAsync(ideaId, gone, false, asker.Viewer));
    }

    [Fact]
    public async Task Deleting_an_account_takes_its_name_out_of_every_mention_of_it()
    {
        var (asker, staff) = (await Customer(), await Staff());
        var leaving = await portal.AddPersonAsync(Roles.Customer, $"Lea Leaving {Guid.NewGuid():N}"[..20], ct: Ct);
        var ideaId = await portal.ProposeIdeaAsync(asker, ct: Ct);
        var replyId = await ReplyAsync(ideaId, staff, $"As {Token(leaving)} wrote, and {Token(asker)} agreed.");

        var deleted = await portal.Services.GetRequiredService<AccountDeletion>().DeleteAsync(leaving.Viewer, leaving.Password, [], Ct);

        Assert.True(deleted.Succeeded);
        await using var db = await DbAsync();
        var body = await db.Replies.Where(r => r.Id == replyId).Select(r => r.Body).SingleAsync(Ct);
        Assert.DoesNotContain(leaving.DisplayName, body, StringComparison.Ordinal);
        Assert.Equal($"As @[Former customer]({leaving.Id}) wrote, and {Token(asker)} agreed.", body);
    }

    [Fact]
    public async Task A_public_idea_offers_its_participants_first_then_the_team_never_the_viewer()
    {
        var (asker, helper, staff, viewer) = (await Customer(), await Customer(), await Staff("Billing"), await Customer());
        var ideaId = await portal.ProposeIdeaAsync(asker, ct: Ct);
        await ReplyAsync(ideaId, helper, "Me too.");
        await ReplyAsync(ideaId, viewer, "And me.");

        var all = await Mentions.SuggestAsync(ideaId, "", internalNote: false, viewer.Viewer, Ct);
        var ids = all.Select(c => c.Id).ToList();

        Assert.Contains(asker.Id, ids);
        Assert.Contains(helper.Id, ids);
        Assert.DoesNotContain(viewer.Id, ids);
        Assert.True(all.TakeWhile(c => c.IsParticipant).Count() >= 2);
        Assert.All(all.SkipWhile(c => c.IsParticipant), c => Assert.True(c.IsStaff));
        var typed = await Mentions.SuggestAsync(ideaId, staff.DisplayName[^6..].ToUpperInvariant(), false, viewer.Viewer, Ct);
        var offered = Assert.Single(typed, c => c.Id == staff.Id);
        Assert.Equal("Billing", offered.JobTitle);
        Assert.DoesNotContain(typed, c => c.Id == asker.Id);
    }

    [Fact]
    public async Task A_private_complaint_offers_its_customer_and_the_team_and_an_internal_note_the_team_only()
    {
        var (customer, earlier, staff, colleague) = (await Customer(), await Customer(), await Staff(), await Staff());
        var complaintId = await portal.FileComplaintAsync(customer, isPublic: true, ct: Ct);
        await ReplyAsync(complaintId, earlier, "Same problem here.");
        await using (var db = await DbAsync())
        {
            await db.Posts.Where(p => p.Id == complaintId).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsPublic, false), Ct);
        }

        var offered = (await Mentions.SuggestAsync(complaintId, "", false, staff.Viewer, Ct)).Select(c => c.Id).ToList();
        var forNote = await Mentions.SuggestAsync(complaintId, "", true, staff.Viewer, Ct);

        Assert.Contains(customer.Id, offered);
        Assert.DoesNotContain(earlier.Id, offered); // replied while it was public; may not see it now
        // The team is many by now (other tests add people): the colleague is found by name, as a writer would.
        var typed = colleague.DisplayName[^6..];
        Assert.Contains(await Mentions.SuggestAsync(complaintId, typed, false, staff.Viewer, Ct), c => c.Id == colleague.Id);
        Assert.Contains(await Mentions.SuggestAsync(complaintId, typed, true, staff.Viewer, Ct), c => c.Id == colleague.Id);
        Assert.All(forNote, c => Assert.True(c.IsStaff));
        Assert.Empty(await Mentions.SuggestAsync(complaintId, "", false, earlier.Viewer, Ct));
        Assert.Empty(await Mentions.SuggestAsync(complaintId, "", true, customer.Viewer, Ct));
    }

    private static string Token(TestPerson person) => MentionToken.Format(person.DisplayName, person.Id);

    private Task<TestPerson> Customer() => portal.AddPersonAsync(Roles.Customer, ct: Ct);

    private Task<TestPerson> Staff(string? jobTitle = null) => portal.AddPersonAsync(Roles.Staff, jobTitle: jobTitle, ct: Ct);

    private async Task<long> ReplyAsync(int postId, TestPerson by, string body, bool internalNote = false)
    {
        var result = await Threads.ReplyAsync(postId, null, body, internalNote, by.Viewer, Ct);
        Assert.True(result.Succeeded, result.Outcome.ToString());
        return result.Reply!.Id;
    }

    private async Task<List<(string, NotificationKind)>> NotifiedAsync(int postId, long replyId, string userId)
    {
        await using var db = await DbAsync();
        var rows = await db.Notifications.Where(n => n.PostId == postId && n.ReplyId == replyId && n.UserId == userId)
            .Select(n => new { n.UserId, n.Kind }).ToListAsync(Ct);
        return [.. rows.Select(r => (r.UserId, r.Kind))];
    }

    private async Task<MentionShown> ShownAsync(int postId, TestPerson mentioned, bool internalNote, Viewer reader)
    {
        var shown = await Mentions.ResolveAsync(postId, [mentioned.Id], internalNote, reader, CultureInfo.GetCultureInfo("en"), Ct);
        return shown[mentioned.Id];
    }

    private Task<CareDb> DbAsync() => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
}

public sealed class SqliteMentionTests(EmptyPortalFactory portal) : MentionTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresMentionTests(PostgresPortalFactory portal) : MentionTests(portal), IClassFixture<PostgresPortalFactory>;
