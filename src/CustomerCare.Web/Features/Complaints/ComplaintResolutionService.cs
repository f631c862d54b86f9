using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Webhooks;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>
/// The end of a complaint: the owner proposes, the customer confirms (and rates once) or says what is still missing.
/// Staff never close on the customer's behalf, except after the configured silence, which the thread announces.
/// </summary>
public sealed class ComplaintResolutionService(
    IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, ThreadService threads, IOptions<ResponseOptions> response,
    Notifications.NotificationService notifications, WebhookPublisher webhooks, CareMetrics metrics)
{
    /// <summary>Only the owner of an open complaint proposes its resolution (<see cref="ProposeAsync"/> checks it again).</summary>
    public static bool MayPropose(Viewer viewer, PostStatus status, ComplaintInfo? complaint) =>
        viewer is { IsSignedIn: true, WorksHere: true } && status != PostStatus.Solved && complaint?.Owner?.Id == viewer.UserId;

    /// <summary>The owner's public reply, marked as the proposed resolution; written by the one reply path.</summary>
    public async Task<ThreadResult> ProposeAsync(int postId, string? body, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return new(ThreadOutcome.SignInRequired);
        }

        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var post = await PostVisibility.VisibleTo(db.Posts.AsNoTracking(), viewer).Where(p => p.Id == postId && p.Kind == PostKind.Complaint)
                .Select(p => new { p.OwnerId, p.Status }).FirstOrDefaultAsync(ct);
            if (post is null)
            {
                return new(ThreadOutcome.NotFound);
            }

            if (!viewer.WorksHere || post.OwnerId != userId)
            {
                return new(ThreadOutcome.NotOwner);
            }

            if (post.Status == PostStatus.Solved)
            {
                return new(ThreadOutcome.AlreadySolved);
            }
        }

        var result = await threads.ReplyAsync(postId, null, body, internalNote: false, viewer, ReplyIntent.ResolutionProposal, ct);
        if (result.Outcome == ThreadOutcome.Posted)
        {
            await notifications.NotifyAsync(new(NotificationKind.ResolutionProposed, postId, userId, result.Reply!.Id));
        }

        return result;
    }

    /// <summary>The customer says it is solved, whether or not a proposal is pending: only they decide.</summary>
    public async Task<ResolutionResult> ConfirmAsync(int postId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var (refused, post) = await CustomersComplaintAsync(db, postId, viewer, ct);
        if (refused is not null)
        {
            return new(refused.Value);
        }

        if (post!.Status == PostStatus.Solved)
        {
            return new(ResolutionOutcome.AlreadySolved);
        }

        var (from, customerId) = (post.Status, viewer.UserId!);
        var now = Now();
        // The guard repeats the status the customer saw: a double click or a second tab writes one history row.
        var changed = await db.ChangeAndRecordAsync(
            (d, c) => OpenComplaints.SolveAsync(OpenComplaints.Query(d).Where(p => p.Id == postId && p.AuthorId == customerId && p.Status == from),
                d, postId, ComplaintOutcome.ConfirmedByCustomer, now, c),
            new StatusChange { PostId = postId, From = from, To = PostStatus.Solved, ChangedById = customerId, ChangedAt = now },
            ct);
        if (!changed)
        {
            return new(ResolutionOutcome.AlreadySolved);
        }

        await bus.PublishAsync(new StatusChanged(postId, from, PostStatus.Solved, post.CustomerName, null, null, now, ComplaintOutcome.ConfirmedByCustomer, customerId), ct);
        await bus.PublishAsync(new ComplaintActivity(postId, ComplaintActivityKind.Solved, now), ct);
        await PublishResolvedAsync(postId, ComplaintOutcome.ConfirmedByCustomer, now);
        return new(ResolutionOutcome.Done);
    }

    /// <summary>Once per complaint, after the customer confirmed it solved; reopening keeps it.</summary>
    public async Task<ResolutionResult> RateAsync(int postId, int stars, string? comment, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        comment = TextRules.Block(comment) is var clean && !TextRules.IsBlank(clean) ? clean : null;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var (refused, post) = await CustomersComplaintAsync(db, postId, viewer, ct);
        if (refused is not null)
        {
            return new(refused.Value);
        }

        if (post!.Rated)
        {
            return new(ResolutionOutcome.AlreadyRated);
        }

        if (post.Outcome != ComplaintOutcome.ConfirmedByCustomer)
        {
            return new(ResolutionOutcome.NotConfirmed);
        }

        if (stars is < Post.RatingMin or > Post.RatingMax)
        {
            return new(ResolutionOutcome.RatingOutOfRange);
        }

        if (comment?.Length > Post.RatingCommentMaxLength)
        {
            return new(ResolutionOutcome.CommentTooLong);
        }

        var (customerId, now) = (viewer.UserId!, Now());
        var changed = await db.Posts
            .Where(p => p.Id == postId && p.AuthorId == customerId && p.Outcome == ComplaintOutcome.ConfirmedByCustomer && p.Rating == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Rating, stars)
                .SetProperty(p => p.RatingComment, comment)
                .SetProperty(p => p.RatedAt, now), ct);
        if (changed == 0)
        {
            return new(ResolutionOutcome.AlreadyRated);
        }

        metrics.Rated(stars);
        await bus.PublishAsync(new ComplaintRated(postId, new(stars, comment, now), now), ct);
        // The rating and its comment are for the customer and the team (see ComplaintRated): internal payloads only.
        await webhooks.PublishAsync(new(WebhookEvents.ComplaintRatedByCustomer, postId, $"{postId}",
            InternalExtra: new Dictionary<string, object?> { ["rating"] = new { stars, comment } }));
        return new(ResolutionOutcome.Done);
    }

    /// <summary>
    /// "Not yet": the customer says what is still missing, as their public reply, so the desk sees them waiting. A solved
    /// complaint opens again (<see cref="ComplaintReopening"/>); its history, proposals and rating stay.
    /// </summary>
    public async Task<ResolutionResult> ReopenAsync(int postId, string? message, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var (refused, _) = await CustomersComplaintAsync(db, postId, viewer, ct);
            if (refused is not null)
            {
                return new(refused.Value);
            }
        }

        message = TextRules.Block(message);
        if (TextRules.IsBlank(message))
        {
            return new(ResolutionOutcome.MessageRequired);
        }

        if (message.Length > Reply.BodyMaxLength)
        {
            return new(ResolutionOutcome.MessageTooLong);
        }

        var reply = await threads.ReplyAsync(postId, null, message, internalNote: false, viewer, ReplyIntent.Reopen, ct);
        return reply.Outcome switch
        {
            ThreadOutcome.Posted => new(ResolutionOutcome.Done, Reply: reply.Reply),
            ThreadOutcome.Closed => new(ResolutionOutcome.Closed),
            ThreadOutcome.LimitReached => new(ResolutionOutcome.LimitReached, RetryAfter: reply.RetryAfter),
            _ => new(ResolutionOutcome.NotFound),
        };
    }

    /// <summary>
    /// Staff close a complaint whose customer has been silent for <see cref="ResponseOptions.AutoCloseAfter"/> since the
    /// last public staff answer; the customer can reopen it by simply writing again.
    /// </summary>
    public async Task<ResolutionResult> CloseAfterSilenceAsync(int postId, string? note, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return new(ResolutionOutcome.SignInRequired);
        }

        if (!viewer.WorksHere)
        {
            return new(ResolutionOutcome.NotAllowed);
        }

        note = TextRules.Block(note) is var clean && !TextRules.IsBlank(clean) ? clean : null;
        if (note?.Length > StatusChange.NoteMaxLength)
        {
            return new(ResolutionOutcome.NoteTooLong);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var complaint = db.Posts.Where(p => p.Id == postId && p.Kind == PostKind.Complaint);
        var post = await complaint.AsNoTracking().Select(p => new { p.Status, p.RemovedAt }).FirstOrDefaultAsync(ct);
        if (post is null)
        {
            return new(ResolutionOutcome.NotFound);
        }

        if (post.RemovedAt is not null)
        {
            return new(ResolutionOutcome.Closed);
        }

        if (post.Status == PostStatus.Solved)
        {
            return new(ResolutionOutcome.AlreadySolved);
        }

        // The one rule of who waits since when: only a customer who is not waiting can be silent.
        var clock = await OpenComplaints.Clocks(db, complaint).FirstAsync(ct);
        if (clock.MayCloseFrom(response.Value.AutoCloseAfter) is not { } from)
        {
            return new(ResolutionOutcome.CustomerWaiting);
        }

        var now = Now();
        if (now < from)
        {
            return new(ResolutionOutcome.TooEarly, from);
        }

        // The guard repeats what the decision was made on: the status, and no public word by anyone since that answer.
        var (status, lastStaff) = (post.Status, clock.LastStaffReply!.Value);
        var staff = db.StaffUserIds;
        var changed = await db.ChangeAndRecordAsync(
            (d, c) => OpenComplaints.SolveAsync(OpenComplaints.Query(d)
                .Where(p => p.Id == postId && p.Status == status && !p.Replies.Any(r => !r.IsInternalNote && r.CreatedAt > lastStaff
                    && (r.AuthorId == p.AuthorId || staff.Contains(r.AuthorId)))),
                d, postId, ComplaintOutcome.ClosedAfterSilence, now, c),
            new StatusChange { PostId = postId, From = status, To = PostStatus.Solved, ChangedById = userId, Note = note, ChangedAt = now },
            ct);
        if (!changed)
        {
            return new(ResolutionOutcome.Conflict);
        }

        var byName = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        await bus.PublishAsync(new StatusChanged(postId, status, PostStatus.Solved, byName, note, null, now, ComplaintOutcome.ClosedAfterSilence, userId), ct);
        await bus.PublishAsync(new ComplaintActivity(postId, ComplaintActivityKind.Closed, now), ct);
        await PublishResolvedAsync(postId, ComplaintOutcome.ClosedAfterSilence, now);
        return new(ResolutionOutcome.Done);
    }

    private Task<int> PublishResolvedAsync(int postId, ComplaintOutcome outcome, DateTime at) =>
        webhooks.PublishAsync(new(WebhookEvents.ComplaintResolved, postId, $"{postId}:{at.Ticks}",
            Extra: new Dictionary<string, object?> { ["outcome"] = outcome.ToString() }));

    /// <summary>The complaint as its customer may act on it; a refusal for anyone else, or when it was removed.</summary>
    private static async Task<(ResolutionOutcome? Refused, CustomersComplaint? Post)> CustomersComplaintAsync(
        CareDb db, int postId, Viewer viewer, CancellationToken ct)
    {
        if (viewer.UserId is not { } userId)
        {
            return (ResolutionOutcome.SignInRequired, null);
        }

        var post = await PostVisibility.VisibleTo(db.Posts.AsNoTracking(), viewer).Where(p => p.Id == postId && p.Kind == PostKind.Complaint)
            .Select(p => new CustomersComplaint(p.AuthorId, p.Author!.DisplayName, p.Status, p.Outcome, p.Rating != null, p.RemovedAt != null))
            .FirstOrDefaultAsync(ct);
        return post switch
        {
            null => (ResolutionOutcome.NotFound, null),
            _ when post.AuthorId != userId => (ResolutionOutcome.NotTheCustomer, null),
            { Removed: true } => (ResolutionOutcome.Closed, null),
            _ => (null, post),
        };
    }

    private DateTime Now() => time.StoredUtcNow();

    private sealed record CustomersComplaint(string AuthorId, string CustomerName, PostStatus Status, ComplaintOutcome? Outcome, bool Rated, bool Removed);
}
