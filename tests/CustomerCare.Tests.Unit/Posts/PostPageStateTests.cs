using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;

namespace CustomerCare.Tests.Unit.Posts;

/// <summary>The post page follows live events through its state: each event's data, no query, and only its own post's.</summary>
public sealed class PostPageStateTests
{
    private static readonly DateTime At = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
    private static readonly AuthorInfo Customer = new("c1", "Clara Schmidt", null, null, At.AddYears(-12), false);
    private static readonly AuthorInfo Anna = new("s1", "Anna Berger", null, "Customer Care", At.AddYears(-3), true);
    private static readonly AuthorInfo Bernd = new("s2", "Bernd Vogel", null, "Billing", At.AddYears(-5), true);

    [Fact]
    public void A_status_change_moves_the_chip_and_adds_the_history_line()
    {
        var state = new PostPageState(Details(7, PostKind.Idea), null);

        Assert.True(state.Apply(new StatusChanged(7, PostStatus.Open, PostStatus.Shipped, "Jonas Weber", "Out now", "2026.11", At)));

        Assert.Equal((PostStatus.Shipped, "2026.11"), (state.Details.Post.Status, state.Details.Post.ShippedIn));
        var line = Assert.Single(state.Details.History);
        Assert.Equal((PostStatus.Open, PostStatus.Shipped, "Jonas Weber", "Out now"), (line.From, line.To, line.ByName, line.Note));
    }

    [Fact]
    public void A_solved_complaint_promises_no_answer_any_more()
    {
        var state = new PostPageState(Details(8, PostKind.Complaint), Complaint(waitingSince: At));

        state.Apply(new StatusChanged(8, PostStatus.Open, PostStatus.Solved, "Clara Schmidt", null, null, At, ComplaintOutcome.ConfirmedByCustomer));

        Assert.Null(state.Complaint!.WaitingSince);
    }

    [Fact]
    public void A_new_owner_shows_with_the_hand_over_line_once_though_it_arrives_twice()
    {
        var state = new PostPageState(Details(8, PostKind.Complaint), Complaint(waitingSince: At));
        var handover = new HandoverView("Anna Berger", "Bernd Vogel", "Anna Berger", "Knows billing", At);

        Assert.True(state.ApplyOwner(Bernd, handover));
        Assert.False(state.Apply(new ComplaintOwnerChanged(8, Bernd, handover, At)));

        Assert.Equal("Bernd Vogel", state.Complaint!.Owner!.DisplayName);
        Assert.Equal(2, state.Complaint.Handovers.Count);
    }

    [Fact]
    public void A_merge_points_the_duplicate_to_its_original_and_a_pin_marks_the_official_answer()
    {
        var state = new PostPageState(Details(9, PostKind.Idea), null);

        state.Apply(new PostMerged(9, 3, "Dark mode for the app", At));
        state.Apply(new OfficialAnswerChanged(9, 41, At));

        Assert.Equal(new MergedIntoInfo(3, "Dark mode for the app"), state.Details.MergedInto);
        Assert.Equal(41, state.Details.OfficialAnswerId);
    }

    [Fact]
    public void Events_of_another_post_and_events_the_page_does_not_show_change_nothing()
    {
        var details = Details(7, PostKind.Idea);
        var state = new PostPageState(details, null);

        Assert.False(state.Apply(new StatusChanged(99, PostStatus.Open, PostStatus.Planned, "Jonas Weber", null, null, At)));
        Assert.False(state.Apply(new PostMerged(99, 3, "Other", At)));
        Assert.False(state.Apply(new VoteCountChanged(7, 12, At)));

        Assert.Same(details, state.Details);
    }

    [Fact]
    public void An_idea_has_no_complaint_to_hand_over()
    {
        var state = new PostPageState(Details(7, PostKind.Idea), null);

        Assert.False(state.ApplyOwner(Bernd, new HandoverView(null, "Bernd Vogel", null, null, At)));
        Assert.Null(state.Complaint);
    }

    private static PostDetails Details(int id, PostKind kind) =>
        new(new PostSummary(id, kind, "Title", "Excerpt", Customer, At, PostStatus.Open, 0, 0, true, false), "Body", [], []);

    private static ComplaintInfo Complaint(DateTime? waitingSince) =>
        new(ComplaintMood.Angry, null, Anna, [new HandoverView(null, "Anna Berger", null, null, At)], waitingSince, FirstAnswer: true);
}
