using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Pictures;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Webhooks;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>
/// Customers file complaints; each gets a named owner at once ("give the mistake a face"). Private is the
/// default: only the customer and the people who work here see it.
/// </summary>
public sealed class ComplaintService(
    IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, MarkdownRenderer markdown, IOptions<ResponseOptions> response,
    ActivityLimits limits, PostingRights rights, WebhookPublisher webhooks, CareMetrics metrics, PictureAttachments pictures)
{
    public const int PageSize = 30;

    public async Task<ProposeResult> FileAsync(FileComplaint input, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return ProposeResult.SignInRequired;
        }

        // Never held for approval (a customer in trouble must reach the team), but a blocked person files no new ones.
        if (await rights.BlockOfAsync(viewer, ct) is { } block)
        {
            return ProposeResult.Blocked(block);
        }

        var title = TextRules.Line(input.Title);
        var body = TextRules.Block(input.Body);
        var reference = TextRules.Line(input.Reference) is var line && !TextRules.IsBlank(line) ? line : null;
        var errors = PostRules.Validate(title, body);
        if (input.Mood is null)
        {
            errors[nameof(FileComplaint.Mood)] = ComplaintErrors.MoodRequired;
        }

        if (reference?.Length > Post.ReferenceMaxLength)
        {
            errors[nameof(FileComplaint.Reference)] = ComplaintErrors.ReferenceTooLong;
        }

        if (input.Pictures is { } uploads && pictures.Refusal(uploads) is not null)
        {
            errors[nameof(FileComplaint.Pictures)] = PostErrors.PicturesRefused;
        }

        if (errors.Count > 0)
        {
            return ProposeResult.Invalid(errors);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        Post? complaint = null;
        // Its pictures (a screenshot of the fault) are saved with it, or forgotten with it.
        var staged = await pictures.StageAsync(input.Pictures ?? [], userId, now, ct);
        var refused = await pictures.SavedOrDiscardedAsync(staged, () => limits.SaveWithinLimitAsync(db, viewer, LimitedAct.Complaint, async (db, ct) =>
        {
            complaint = NewComplaint(input, title, body, reference, userId, now, await NextOwnerAsync(db, ct));
            db.PostFollows.Add(new PostFollow { UserId = userId, PostId = 0, Post = complaint, Reason = FollowReason.Author, Since = now });
            db.Posts.Add(complaint);
            PictureAttachments.Attach(db, staged, complaint, 0, null);
        }, ct), wait => wait is null);
        if (refused is { } wait)
        {
            return ProposeResult.LimitReached(wait);
        }

        metrics.ComplaintFiled(input.Mood);
        await bus.PublishAsync(new ComplaintActivity(complaint!.Id, ComplaintActivityKind.Filed, now), ct);
        await webhooks.PublishAsync(new(WebhookEvents.ComplaintCreated, complaint.Id, $"{complaint.Id}"));
        return ProposeResult.Created(complaint.Id);
    }

    private static Post NewComplaint(FileComplaint input, string title, string body, string? reference, string userId, DateTime now, string? ownerId)
    {
        var complaint = new Post
        {
            Kind = PostKind.Complaint,
            Title = title,
            Body = body,
            AuthorId = userId,
            CreatedAt = now,
            UpdatedAt = now,
            Status = PostStatus.Open,
            IsPublic = input.IsPublic,
            Mood = input.Mood,
            Reference = reference,
            OwnerId = ownerId,
        };
        complaint.Waits.Add(new ComplaintWait { PostId = 0, Since = now, First = true });
        if (ownerId is not null)
        {
            complaint.Handovers.Add(new ComplaintHandover { PostId = 0, ToOwnerId = ownerId, At = now });
        }

        return complaint;
    }

    /// <summary>The latest complaints the viewer may see: their own for a customer, all of them for people who work here.</summary>
    public async Task<IReadOnlyList<PostSummary>> ListAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var complaints = await PostVisibility.VisibleTo(db.Posts.AsNoTracking(), viewer)
            .Where(p => p.Kind == PostKind.Complaint && p.RemovedAt == null)
            .OrderByDescending(p => p.UpdatedAt)
            .Take(PageSize)
            .Select(PostCards.Summary(db, viewer.UserId))
            .ToListAsync(ct);
        return markdown.Finish(complaints);
    }

    /// <summary>What the complaint's page shows besides the thread; null when it is no complaint the viewer may see.</summary>
    public async Task<ComplaintInfo?> GetDetailsAsync(int postId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var visible = PostVisibility.VisibleTo(db.Posts.AsNoTracking(), viewer).Where(p => p.Id == postId && p.Kind == PostKind.Complaint);
        return await visible.AnyAsync(ct) ? await ComplaintDetails.ReadAsync(db, visible, postId, viewer, response.Value.AutoCloseAfter, ct) : null;
    }

    /// <summary>
    /// Round-robin that also balances: the Staff member with the fewest open complaints,
    /// among equals the one whose last assignment lies furthest back. Null when nobody is on staff yet;
    /// the desk then shows the complaint as unassigned for someone to claim.
    /// </summary>
    private static async Task<string?> NextOwnerAsync(CareDb db, CancellationToken ct)
    {
        var staff = db.UserRoles.Where(ur => ur.RoleId == Roles.StaffId).Select(ur => ur.UserId);
        var open = OpenComplaints.Query(db);
        var candidate = await db.Users
            .Where(u => staff.Contains(u.Id))
            .Select(u => new
            {
                u.Id,
                Open = open.Count(p => p.OwnerId == u.Id),
                Last = db.ComplaintHandovers.Where(h => h.ToOwnerId == u.Id).Max(h => (DateTime?)h.At),
            })
            .OrderBy(c => c.Open)
            .ThenBy(c => c.Last ?? DateTime.MinValue)
            .ThenBy(c => c.Id)
            .FirstOrDefaultAsync(ct);
        return candidate?.Id;
    }
}
