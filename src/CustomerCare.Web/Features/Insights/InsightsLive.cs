using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.SolvesIt;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Insights;

/// <summary>
/// Which live events move the insights' figures, and the topics they travel on. Complaints tell the desk topic of everything
/// that moves moods, answer times, waits and escalations; new ideas come on the idea board's topic; every decision on
/// an idea (status change, merge) on the decisions topic. Votes and "does this solve it?" answers travel on each idea's
/// own topic, so the page follows the ideas it shows (the top lists, the shipped ideas asked); a vote elsewhere shows
/// at the next re-read. A rating travels on its complaint's staff topic: the page follows the
/// complaints solved while it is open, since a customer rates after confirming.
/// </summary>
public sealed class InsightsLive
{
    /// <summary>How many solved complaints the page keeps listening to for their rating.</summary>
    public const int RatingsFollowed = 50;

    private readonly Queue<int> solved = new();

    public IReadOnlyCollection<string> Topics(InsightsReport? report)
    {
        var topics = new HashSet<string>(StringComparer.Ordinal) { LiveTopics.Desk, LiveTopics.Board(PostKind.Idea), LiveTopics.Decisions };
        if (report is not null)
        {
            var ideas = report.TopIdeas.Overall.Concat(report.TopIdeas.Loyal).Concat(report.TopIdeas.Newest).Select(i => i.Id)
                .Concat(report.SolvesIt.Select(s => s.Id));
            topics.UnionWith(ideas.Select(LiveTopics.Post));
        }

        topics.UnionWith(solved.Select(LiveTopics.PostStaff));
        return topics;
    }

    /// <summary>Whether <paramref name="liveEvent"/> changes a figure; a complaint solved now is followed for its rating.</summary>
    public bool Matters(LiveEvent liveEvent)
    {
        switch (liveEvent)
        {
            case ComplaintActivity { Kind: ComplaintActivityKind.Solved } activity:
                Follow(activity.PostId);
                return true;
            case ComplaintActivity or ComplaintRated:
                return true;
            case PostCreated created:
                return created.Post.Kind == PostKind.Idea;
            case VoteCountChanged or StatusChanged or PostMerged or SolvesItChanged or PostRemoved or PostRestored:
                return true;
            default:
                return false;
        }
    }

    private void Follow(int complaintId)
    {
        if (solved.Contains(complaintId))
        {
            return;
        }

        solved.Enqueue(complaintId);
        if (solved.Count > RatingsFollowed)
        {
            solved.Dequeue();
        }
    }
}
