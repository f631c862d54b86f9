using System.Text.Json;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Api;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Customers;
using CustomerCare.Web.Features.Thanks;
using CustomerCare.Web.Features.Votes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.PersonalData;

/// <summary>
/// "Delete my account": the private complaint and its thread erased, the idea and replies kept under "Former customer",
/// votes kept as counts, and afterwards neither the name nor the address anywhere in the database or its search index.
/// </summary>
public abstract class AccountDeletionTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private T Get<T>() where T : notnull => portal.Services.GetRequiredService<T>();

    private Task<CareDb> DbAsync() => Get<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);

    [Fact]
    public async Task Deleting_erases_the_complaints_keeps_the_idea_as_former_customer_and_leaves_no_name_or_address_anywhere()
    {
        var name = $"Zelda Quibbleworth{Guid.NewGuid():N}"[..30];
        var zelda = await portal.AddPersonAsync(Roles.Customer, name, ct: Ct);
        var otto = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var anna = await portal.AddPersonAsync(Roles.Staff, "Anna Deletes", "Customer Care", Ct);
        var idea = await portal.ProposeIdeaAsync(zelda, TestPeople.UniqueTitle("Paper invoices"), ct: Ct);
        var ottosIdea = await portal.ProposeIdeaAsync(otto, TestPeople.UniqueTitle("Dark mode"), ct: Ct);
        var filed = await Get<ComplaintService>().FileAsync(
            new FileComplaint(TestPeople.UniqueTitle("Charged twice"), $"Hello, this is {name}, {zelda.Email}.", ComplaintMood.Angry, "K-1", false), zelda.Viewer, Ct);
        var complaint = filed.PostId!.Value;
        var refund = await Get<ThreadService>().ReplyAsync(complaint, null, "We refund it.", false, anna.Viewer, Ct);
        Assert.True(refund.Succeeded);
        // Thanks with her words: for Anna's reply in her complaint (erased with it) and on Otto's idea (kept, counted, without the words).
        var onOttosIdea = await Get<ThreadService>().ReplyAsync(ottosIdea, null, "Dark mode is planned.", false, anna.Viewer, Ct);
        Assert.Equal(ThanksOutcome.Thanked, (await Get<ThanksService>().ThankReplyAsync(refund.Reply!.Id, $"Thanks from {name}", true, zelda.Viewer, Ct)).Outcome);
        Assert.Equal(ThanksOutcome.Thanked, (await Get<ThanksService>().ThankReplyAsync(onOttosIdea.Reply!.Id, $"{name} says thank you", true, zelda.Viewer, Ct)).Outcome);
        Assert.Equal(NoteOutcome.Added, (await Get<CustomerStoryService>().AddNoteAsync(zelda.Id, $"{name} prefers mail to {zelda.Email}.", anna.Viewer, Ct)).Outcome);
        Assert.True((await Get<ThreadService>().ReplyAsync(complaint, null, "Internal: billing run.", true, anna.Viewer, Ct)).Succeeded);
        Assert.True((await Get<ThreadService>().ReplyAsync(ottosIdea, null, "Yes please.", false, zelda.Viewer, Ct)).Succeeded);
        Assert.True((await Get<ThreadService>().ReplyAsync(complaint, null, "Thanks!", false, zelda.Viewer, Ct)).Succeeded);
        await Get<VoteService>().ToggleAsync(ottosIdea, zelda.Viewer, Ct);
        Assert.True(await Get<FollowService>().SetPostAsync(ottosIdea, true, zelda.Viewer, Ct));
        Assert.Empty((await Get<AccessTokenService>().CreateAsync($"{name}'s laptop", TokenScope.Write, DateTime.UtcNow.AddDays(30), zelda.Viewer, Ct)).Errors);
        await using (var db = await DbAsync())
        {
            // A mail to Otto that names Zelda, and an account mail to her address, as the outbox holds them.
            db.OutboxMails.Add(Mail("reply-to-otto", otto.Id, otto.Email, $"{name} replied", $"{name} wrote: Yes please."));
            db.OutboxMails.Add(Mail("account-zelda", null, zelda.Email, "Confirm your address", "Click the link."));
            // Webhook events as the log keeps them: one about her complaint, one naming her (JSON-encoded) on Otto's idea.
            var endpoint = new WebhookEndpoint
            {
                Url = "https://hooks.example.com/in", Events = "*", IncludeInternal = true, ProtectedSecret = "x",
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync(Ct);
            db.WebhookDeliveries.Add(Hook(endpoint.Id, "about-complaint", complaint, """{"data":{"post":{"title":"Charged twice"}}}"""));
            var author = JsonSerializer.Serialize(new { name, email = zelda.Email });
            db.WebhookDeliveries.Add(Hook(endpoint.Id, "naming-zelda", ottosIdea, """{"data":{"reply":{"author":""" + author + "}}}"));
            await db.SaveChangesAsync(Ct);
        }

        var preview = await Get<AccountDeletion>().PreviewAsync(zelda.Viewer, Ct);
        Assert.NotNull(preview);
        Assert.Equal((1, 1, 1, 3, 1), (preview.Ideas, preview.RepliesInOtherThreads, preview.Complaints, preview.ComplaintReplies, preview.Votes));
        Assert.Equal(complaint, Assert.Single(preview.OpenComplaints).Id);

        var result = await Get<AccountDeletion>().DeleteAsync(zelda.Viewer, zelda.Password, [complaint], Ct);

        Assert.Equal(DeletionOutcome.Deleted, result.Outcome);
        await using var after = await DbAsync();
        Assert.Empty(await DeletedDataScan.FindAsync(after, name, Ct));
        Assert.Empty(await DeletedDataScan.FindAsync(after, zelda.Email, Ct));
        Assert.False(await after.Posts.AnyAsync(p => p.Id == complaint, Ct));
        Assert.False(await after.CustomerNotes.AnyAsync(n => n.CustomerId == zelda.Id, Ct));
        var kept = Assert.Single(await after.Thanks.Where(t => t.FromUserId == zelda.Id).ToListAsync(Ct));
        Assert.Equal((onOttosIdea.Reply!.Id, (string?)null, false), (kept.ReplyId!.Value, kept.Note, kept.ShowNote));
        Assert.False(await after.Replies.AnyAsync(r => r.PostId == complaint, Ct));
        var tombstone = await after.Users.SingleAsync(u => u.Id == zelda.Id, Ct);
        Assert.Equal((CareUser.FormerCustomerName, (string?)null, (string?)null), (tombstone.DisplayName, tombstone.Email, tombstone.PasswordHash));
        Assert.NotNull(tombstone.DeletedAt);
        Assert.False(await after.UserRoles.AnyAsync(r => r.UserId == zelda.Id, Ct));
        Assert.Equal(zelda.Id, await after.Posts.Where(p => p.Id == idea).Select(p => p.AuthorId).SingleAsync(Ct));
        var ottos = await after.Posts.SingleAsync(p => p.Id == ottosIdea, Ct);
        Assert.Equal((1, 1), (ottos.VoteCount, await after.Votes.CountAsync(v => v.PostId == ottosIdea, Ct)));
        Assert.Equal(ottos.ReplyCount, await after.Replies.CountAsync(r => r.PostId == ottosIdea && !r.IsInternalNote && r.HeldAt == null, Ct));
        Assert.False(await after.PostFollows.AnyAsync(f => f.UserId == zelda.Id, Ct));
        Assert.False(await after.PersonalAccessTokens.AnyAsync(t => t.UserId == zelda.Id, Ct));
        Assert.False(await after.Notifications.AnyAsync(n => n.UserId == zelda.Id, Ct));
        Assert.Contains("Former customer replied", await after.OutboxMails.Where(m => m.DedupKey == "reply-to-otto").Select(m => m.Subject).SingleAsync(Ct));
        Assert.False(await after.OutboxMails.AnyAsync(m => m.DedupKey == "account-zelda", Ct));
        Assert.False(await after.WebhookDeliveries.AnyAsync(d => d.DedupKey == "about-complaint", Ct));
        Assert.Contains("\"name\":\"Former customer\"", await after.WebhookDeliveries.Where(d => d.DedupKey == "naming-zelda").Select(d => d.Payload).SingleAsync(Ct), StringComparison.Ordinal);
        Assert.True(await after.SecurityEvents.AnyAsync(e => e.UserId == zelda.Id && e.Kind == SecurityEventKind.AccountDeleted, Ct));

        // The idea page names nobody: its author line reads "Former customer".
        var page = await Get<PostService>().GetAsync(idea, otto.Viewer, Ct);
        Assert.Equal(CareUser.FormerCustomerName, page!.Post.Author.DisplayName);
    }

    [Fact]
    public async Task The_account_cannot_sign_in_be_found_for_a_reset_or_post_again()
    {
        var zelda = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var ottosIdea = await portal.ProposeIdeaAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        Assert.True((await Get<AccountDeletion>().DeleteAsync(zelda.Viewer, zelda.Password, [], Ct)).Succeeded);

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
            Assert.Null(await users.FindByEmailAsync(zelda.Email));
            var tombstone = await users.FindByIdAsync(zelda.Id);
            Assert.False(await users.CheckPasswordAsync(tombstone!, zelda.Password));
        }

        var reply = await Get<ThreadService>().ReplyAsync(ottosIdea, null, "Still here?", false, zelda.Viewer, Ct);
        Assert.Equal(ThreadOutcome.Blocked, reply.Outcome);
        Assert.Equal(PostingBlock.DeletedMessageKey, reply.MessageKey);
        var propose = await Get<IdeaService>().ProposeAsync(new ProposeIdea(TestPeople.UniqueTitle("Ghost idea"), "Boo.", null), zelda.Viewer, Ct);
        Assert.NotEqual(ProposeOutcome.Created, propose.Outcome);
        Assert.Equal(DeletionOutcome.Gone, (await Get<AccountDeletion>().DeleteAsync(zelda.Viewer, zelda.Password, [], Ct)).Outcome);
    }

    [Fact]
    public async Task A_wrong_password_or_an_unconfirmed_open_complaint_deletes_nothing_and_says_why()
    {
        var zelda = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var seen = await portal.FileComplaintAsync(zelda, ct: Ct);

        Assert.Equal(DeletionOutcome.WrongPassword, (await Get<AccountDeletion>().DeleteAsync(zelda.Viewer, "not-it", [seen], Ct)).Outcome);
        var unconfirmed = await Get<AccountDeletion>().DeleteAsync(zelda.Viewer, zelda.Password, [], Ct);
        Assert.Equal(DeletionOutcome.OpenComplaintsNotConfirmed, unconfirmed.Outcome);
        Assert.Equal(seen, Assert.Single(unconfirmed.Unconfirmed).Id);

        // Filed in another tab after the page was read: told first, not erased unasked.
        var later = await portal.FileComplaintAsync(zelda, ct: Ct);
        var raced = await Get<AccountDeletion>().DeleteAsync(zelda.Viewer, zelda.Password, [seen], Ct);
        Assert.Equal(later, Assert.Single(raced.Unconfirmed).Id);

        await using var db = await DbAsync();
        Assert.Equal(2, await db.Posts.CountAsync(p => p.AuthorId == zelda.Id, Ct));
        Assert.Null(await db.Users.Where(u => u.Id == zelda.Id).Select(u => u.DeletedAt).SingleAsync(Ct));
    }

    [Fact]
    public async Task People_who_work_here_are_refused_and_a_visitor_cannot_delete()
    {
        var anna = await portal.AddPersonAsync(Roles.Staff, ct: Ct);

        Assert.Equal(DeletionOutcome.WorksHere, (await Get<AccountDeletion>().DeleteAsync(anna.Viewer, anna.Password, [], Ct)).Outcome);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            Get<AccountDeletion>().DeleteAsync(Web.Infrastructure.Viewer.Anonymous, "x", [], Ct));
    }

    [Fact]
    public async Task A_delete_racing_the_persons_own_replies_leaves_no_orphan_and_no_half_deleted_account()
    {
        var otto = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var ottosIdea = await portal.ProposeIdeaAsync(otto, ct: Ct);
        for (var round = 0; round < 8; round++)
        {
            var zelda = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
            var complaint = await portal.FileComplaintAsync(zelda, ct: Ct);
            var replyOnComplaint = Task.Run(() => ReplyOrRefusedAsync(complaint, zelda), Ct);
            var replyOnIdea = Task.Run(() => ReplyOrRefusedAsync(ottosIdea, zelda), Ct);
            var delete = Task.Run(() => Get<AccountDeletion>().DeleteAsync(zelda.Viewer, zelda.Password, [complaint], Ct), Ct);
            await Task.WhenAll(replyOnComplaint, replyOnIdea, delete);

            Assert.Equal(DeletionOutcome.Deleted, (await delete).Outcome);
            await using var db = await DbAsync();
            Assert.False(await db.Posts.AnyAsync(p => p.AuthorId == zelda.Id && p.Kind == PostKind.Complaint, Ct));
            Assert.False(await db.Replies.AnyAsync(r => r.PostId == complaint, Ct));
            Assert.False(await db.Replies.AnyAsync(r => !db.Posts.Any(p => p.Id == r.PostId), Ct));
            Assert.Equal(CareUser.FormerCustomerName, await db.Users.Where(u => u.Id == zelda.Id).Select(u => u.DisplayName).SingleAsync(Ct));
            // A reply that made it in is the tombstone's and counted; one that did not was refused.
            var idea = await db.Posts.SingleAsync(p => p.Id == ottosIdea, Ct);
            Assert.Equal(idea.ReplyCount, await db.Replies.CountAsync(r => r.PostId == ottosIdea && !r.IsInternalNote && r.HeldAt == null, Ct));
        }
    }

    private async Task<bool> ReplyOrRefusedAsync(int postId, TestPerson person)
    {
        try
        {
            var result = await Get<ThreadService>().ReplyAsync(postId, null, $"Racing {Guid.NewGuid():N}", false, person.Viewer, Ct);
            Assert.True(result.Succeeded || result.Outcome is ThreadOutcome.Blocked or ThreadOutcome.NotFound or ThreadOutcome.Closed, result.Outcome.ToString());
            return result.Succeeded;
        }
        catch (AccountDeletedException)
        {
            return false;
        }
    }

    private static WebhookDelivery Hook(int endpointId, string key, int postId, string payload) => new()
    {
        EndpointId = endpointId, EventType = "reply.created", DedupKey = key, MessageId = "msg_" + key, Payload = payload, PostId = postId,
        CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow,
    };

    private static OutboxMail Mail(string key, string? userId, string to, string subject, string body) => new()
    {
        DedupKey = key, UserId = userId, ToAddress = to, Subject = subject, TextBody = body, HtmlBody = $"<p>{body}</p>",
        CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow,
    };
}

public sealed class SqliteAccountDeletionTests(EmptyPortalFactory portal) : AccountDeletionTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresAccountDeletionTests(EmptyPostgresPortalFactory portal) : AccountDeletionTests(portal), IClassFixture<EmptyPostgresPortalFactory>;

/// <summary>PersonalData:Deletion:PublicContent = Remove: the idea removed and its text erased, the reply hidden in its place.</summary>
public sealed class AccountDeletionRemovingPublicContentTests(RemovingPortalFactory portal) : IClassFixture<RemovingPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ideas_are_removed_and_replies_hidden_with_their_text_erased_and_counts_unchanged()
    {
        var zelda = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var otto = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var title = TestPeople.UniqueTitle("Quibbleworthy invoices");
        var idea = await portal.ProposeIdeaAsync(zelda, title, "Quibbleworthy words.", Ct);
        var ottosIdea = await portal.ProposeIdeaAsync(otto, ct: Ct);
        Assert.True((await portal.Services.GetRequiredService<ThreadService>().ReplyAsync(ottosIdea, null, "Quibbleworthy reply.", false, zelda.Viewer, Ct)).Succeeded);

        Assert.True((await portal.Services.GetRequiredService<AccountDeletion>().DeleteAsync(zelda.Viewer, zelda.Password, [], Ct)).Succeeded);

        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        Assert.Empty(await DeletedDataScan.FindAsync(db, "Quibbleworthy", Ct));
        Assert.NotNull(await db.Posts.Where(p => p.Id == idea).Select(p => p.RemovedAt).SingleAsync(Ct));
        var reply = await db.Replies.SingleAsync(r => r.PostId == ottosIdea, Ct);
        Assert.Equal(("", true), (reply.Body, reply.HiddenAt is not null));
        Assert.Equal(1, await db.Posts.Where(p => p.Id == ottosIdea).Select(p => p.ReplyCount).SingleAsync(Ct));
    }
}

public sealed class RemovingPortalFactory : PortalFactory
{
    public RemovingPortalFactory()
        : base(DatabaseProvider.Sqlite, seedDemo: false) => With("PersonalData:Deletion:PublicContent", "Remove");
}
