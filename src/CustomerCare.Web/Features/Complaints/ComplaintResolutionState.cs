using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>
/// The end of a complaint as its resolution panel shows it, from the page's <see cref="ComplaintInfo"/> on, following
/// live events. Who waits and since when is the clock's rule (<see cref="OpenComplaintClock"/>), asked, not restated.
/// </summary>
public sealed class ComplaintResolutionState(int postId, string customerId, PostStatus status, ComplaintInfo complaint, TimeSpan autoCloseAfter)
{
    private OpenComplaintClock clock = OpenComplaintClock.AsShown(postId, complaint.WaitingSince, complaint.SilentSince);

    public PostStatus Status { get; private set; } = status;

    public ComplaintOutcome? Outcome { get; private set; } = complaint.Outcome;

    public ComplaintRatingView? Rating { get; private set; } = complaint.Rating;

    /// <summary>The owner's proposal the customer has not answered yet.</summary>
    public PendingProposal? Pending { get; private set; } = complaint.PendingProposal;

    public DateTime? SolvedAt { get; private set; } = complaint.SolvedAt;

    public bool Solved => Status == PostStatus.Solved;

    /// <summary>From when staff may close it for the customer's silence; null while the customer waits or once solved.</summary>
    public DateTime? MayCloseFrom => Solved ? null : clock.MayCloseFrom(autoCloseAfter);

    /// <summary>Days without a word from the customer: until <paramref name="now"/> while open, until the closing once solved.</summary>
    public int SilentDays(DateTime now) =>
        clock.SilentSince is { } since ? (int)((SolvedAt ?? now) - since).TotalDays : (int)autoCloseAfter.TotalDays;

    /// <summary>True when the event changed what the panel shows.</summary>
    public bool Apply(LiveEvent liveEvent)
    {
        switch (liveEvent)
        {
            case ReplyAdded { Reply.IsInternalNote: false } added when added.PostId == postId:
                Heard(added.Reply);
                return true;
            case StatusChanged changed when changed.PostId == postId:
                (Status, Outcome) = (changed.To, changed.Outcome);
                if (changed.To == PostStatus.Solved)
                {
                    (SolvedAt, Pending) = (changed.OccurredAt, null);
                }

                return true;
            case ComplaintRated rated when rated.PostId == postId:
                Rating = rated.Rating;
                return true;
            default:
                return false;
        }
    }

    /// <summary>A public reply, live or the customer's own "not yet": a staff proposal waits for the customer's answer.</summary>
    public void Heard(ReplyView reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Author.Id == customerId)
        {
            clock = clock.Heard(reply.CreatedAt, byCustomer: true);
            Pending = null;
        }
        else if (reply.Author.IsStaff)
        {
            clock = clock.Heard(reply.CreatedAt, byCustomer: false);
            Pending = reply.IsResolutionProposal ? new(reply.Id, reply.Author.DisplayName, reply.CreatedAt) : Pending;
        }
    }

    /// <summary>Solved here and now (the live event says the same a moment later).</summary>
    public void Solve(ComplaintOutcome how, DateTime now) => (Status, Outcome, Pending, SolvedAt) = (PostStatus.Solved, how, null, now);

    public void Rated(ComplaintRatingView? rating) => Rating = rating;
}
