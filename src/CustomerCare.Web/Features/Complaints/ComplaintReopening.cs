using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>
/// The one place a solved complaint opens again: the customer's reply says what is still missing (<see cref="Asked"/>),
/// or the customer simply wrote again after staff closed it for their silence; they came back and must not be left
/// unanswered. Runs inside the reply's transaction, so the reply and the reopening are saved together or not at all.
/// A complaint the customer confirmed stays solved on an ordinary reply: only they reopen it, by asking to.
/// </summary>
internal sealed record ComplaintReopening(int PostId, string CustomerId, string CustomerName, bool Asked, DateTime At)
{
    /// <summary>The status the complaint went back to, with its history row added to <paramref name="db"/>; null when it was not solved.</summary>
    public async Task<PostStatus?> ApplyAsync(CareDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);

        // Back to where it was before it was solved: in progress stays in progress.
        var before = await db.StatusChanges.Where(s => s.PostId == PostId && s.To == PostStatus.Solved)
            .OrderByDescending(s => s.ChangedAt).ThenByDescending(s => s.Id)
            .Select(s => (PostStatus?)s.From).FirstOrDefaultAsync(ct);
        var back = before is PostStatus.InProgress ? PostStatus.InProgress : PostStatus.Open;
        var (postId, customerId, asked) = (PostId, CustomerId, Asked);
        var changed = await db.Posts
            .Where(p => p.Id == postId && p.Kind == PostKind.Complaint && p.AuthorId == customerId && p.Status == PostStatus.Solved
                && (asked || p.Outcome == ComplaintOutcome.ClosedAfterSilence))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, back).SetProperty(p => p.Outcome, (ComplaintOutcome?)null), ct);
        if (changed == 0)
        {
            return null;
        }

        db.StatusChanges.Add(new StatusChange { PostId = PostId, From = PostStatus.Solved, To = back, ChangedById = CustomerId, ChangedAt = At });
        return back;
    }

    /// <summary>Every open page shows the new status and history line; the desk takes the complaint back.</summary>
    public async Task PublishAsync(ILiveBus bus, PostStatus back, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bus);
        await bus.PublishAsync(new StatusChanged(PostId, PostStatus.Solved, back, CustomerName, null, null, At, ById: CustomerId), ct);
        await bus.PublishAsync(new ComplaintActivity(PostId, ComplaintActivityKind.Reopened, At), ct);
    }
}
