using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Posts;

/// <summary>
/// What the post page shows, as live events change it: each event carries the new data, so applying it is no query,
/// just new records for a re-render in place. <see cref="Complaint"/> is set for a complaint only.
/// </summary>
public sealed class PostPageState(PostDetails details, ComplaintInfo? complaint)
{
    public PostDetails Details { get; private set; } = details;

    public ComplaintInfo? Complaint { get; private set; } = complaint;

    /// <summary>True when the event changed what the page shows.</summary>
    public bool Apply(LiveEvent liveEvent)
    {
        switch (liveEvent)
        {
            case ComplaintOwnerChanged owner when owner.PostId == Details.Post.Id:
                return ApplyOwner(owner.Owner, owner.Handover);
            case PostMerged merged when merged.DuplicateId == Details.Post.Id:
                Details = Details with { MergedInto = new(merged.OriginalId, merged.OriginalTitle) };
                return true;
            case OfficialAnswerChanged answer when answer.PostId == Details.Post.Id:
                SetOfficialAnswer(answer.ReplyId);
                return true;
            case Answers.AnswerMarked marked when marked.PostId == Details.Post.Id:
                Details = Details with { Answer = marked.Mark };
                return true;
            case StatusChanged changed when changed.PostId == Details.Post.Id:
                Details = Details with
                {
                    Post = Details.Post with { Status = changed.To, ShippedIn = changed.ShippedIn },
                    History = [.. Details.History, new StatusChangeView(changed.From, changed.To, changed.ByName, changed.Note, changed.OccurredAt)],
                };
                // A solved complaint promises no answer any more.
                if (changed.To == PostStatus.Solved && Complaint is { } solved)
                {
                    Complaint = solved with { WaitingSince = null };
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The complaint's new owner and the hand-over line. The staff member who changed it gets both the result and the
    /// live event: the hand-over is shown once.
    /// </summary>
    public bool ApplyOwner(AuthorInfo owner, HandoverView handover)
    {
        if (Complaint is not { } complaint || complaint.Handovers.Contains(handover))
        {
            return false;
        }

        Complaint = complaint with { Owner = owner, Handovers = [.. complaint.Handovers, handover] };
        return true;
    }

    public void SetOfficialAnswer(long? replyId) => Details = Details with { OfficialAnswerId = replyId };

    /// <summary>The post as read again after an edit, a removal or a restore.</summary>
    public void Replace(PostDetails reread) => Details = reread;
}
