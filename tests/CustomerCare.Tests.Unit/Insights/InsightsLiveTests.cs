using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Insights;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.SolvesIt;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Live;

namespace CustomerCare.Tests.Unit.Insights;

/// <summary>The page hears what moves a figure, on the topics those events travel on, and nothing else.</summary>
public sealed class InsightsLiveTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_page_follows_the_desk_the_idea_board_every_decision_and_the_ideas_it_shows()
    {
        var live = new InsightsLive();
        var report = Report(top: [new TopIdea(7, "Photo", PostStatus.Open, 3, 1, 0)], solvesIt: [new SolvesItShare(9, "Dark mode", null, 1, 0)]);

        var topics = live.Topics(report);

        Assert.Equal(
            new[] { LiveTopics.Desk, LiveTopics.Board(PostKind.Idea), LiveTopics.Decisions, LiveTopics.Post(7), LiveTopics.Post(9) }.Order(),
            topics.Order());
        Assert.Equal(new[] { LiveTopics.Desk, LiveTopics.Board(PostKind.Idea), LiveTopics.Decisions }.Order(), live.Topics(null).Order());
    }

    [Fact]
    public void Complaint_activity_votes_status_changes_and_answers_move_figures_and_other_events_do_not()
    {
        var live = new InsightsLive();

        Assert.True(live.Matters(new ComplaintActivity(1, ComplaintActivityKind.Filed, Now)));
        Assert.True(live.Matters(new ComplaintActivity(1, ComplaintActivityKind.StaffReplied, Now)));
        Assert.True(live.Matters(new ComplaintActivity(1, ComplaintActivityKind.Escalated, Now)));
        Assert.True(live.Matters(new VoteCountChanged(7, 4, Now)));
        Assert.True(live.Matters(new StatusChanged(7, PostStatus.Open, PostStatus.Planned, "Jonas", null, null, Now)));
        Assert.True(live.Matters(new SolvesItChanged(9, 2, 1, Now)));
        Assert.True(live.Matters(new PostMerged(8, 7, "Photo", Now) with { Topic = LiveTopics.Decisions }));
        Assert.True(live.Matters(new ComplaintRated(1, new ComplaintRatingView(4, null, Now), Now)));
        Assert.False(live.Matters(new PostEdited(7, "Photo", "Body", Now)));
        Assert.False(live.Matters(new FollowChanged("someone", 7, Now)));
    }

    [Fact]
    public void A_complaint_solved_while_the_page_is_open_is_followed_for_its_rating_within_a_bound()
    {
        var live = new InsightsLive();

        live.Matters(new ComplaintActivity(41, ComplaintActivityKind.Solved, Now));
        live.Matters(new ComplaintActivity(41, ComplaintActivityKind.Solved, Now));

        Assert.Contains(LiveTopics.PostStaff(41), live.Topics(null));
        for (var id = 100; id < 100 + InsightsLive.RatingsFollowed; id++)
        {
            live.Matters(new ComplaintActivity(id, ComplaintActivityKind.Solved, Now));
        }

        Assert.DoesNotContain(LiveTopics.PostStaff(41), live.Topics(null));
        Assert.Equal(InsightsLive.RatingsFollowed + 3, live.Topics(null).Count);
    }

    private static InsightsReport Report(IReadOnlyList<TopIdea> top, IReadOnlyList<SolvesItShare> solvesIt) =>
        new(new InsightsQuery(), Now.AddDays(-28), Now, [], [], [], [], [], [], [], new TopIdeas(top, top, []), solvesIt);
}
