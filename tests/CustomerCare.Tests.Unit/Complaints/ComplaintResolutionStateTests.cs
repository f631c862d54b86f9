using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;

namespace CustomerCare.Tests.Unit.Complaints;

/// <summary>
/// The resolution panel's state: the customer's word makes them wait, a staff answer starts the silence after which staff
/// may close, a proposal waits for the customer, and a solved complaint offers nothing more to close.
/// </summary>
public sealed class ComplaintResolutionStateTests
{
    private const int PostId = 8;
    private static readonly TimeSpan Silence = TimeSpan.FromDays(14);
    private static readonly DateTime At = new(2027, 3, 8, 9, 0, 0, DateTimeKind.Utc);
    private static readonly AuthorInfo Customer = new("c1", "Clara Schmidt", null, null, At.AddYears(-12), false);
    private static readonly AuthorInfo Anna = new("s1", "Anna Berger", null, "Customer Care", At.AddYears(-3), true);
    private static readonly AuthorInfo Neighbour = new("c2", "Tom Weiß", null, null, At.AddYears(-1), false);

    [Fact]
    public void A_waiting_customer_cannot_be_closed_on()
    {
        var state = State(new ComplaintInfo(ComplaintMood.Angry, null, Anna, [], WaitingSince: At));

        Assert.Null(state.MayCloseFrom);
        Assert.Equal(14, state.SilentDays(At.AddDays(3)));
    }

    [Fact]
    public void A_staff_proposal_starts_the_silence_and_waits_for_the_customer()
    {
        var state = State(new ComplaintInfo(ComplaintMood.Angry, null, Anna, [], WaitingSince: At));

        Assert.True(state.Apply(new ReplyAdded(Reply(41, Anna, At.AddHours(2), proposal: true), PostId, 1, At.AddHours(2))));

        Assert.Equal(At.AddHours(2) + Silence, state.MayCloseFrom);
        Assert.Equal(new PendingProposal(41, "Anna Berger", At.AddHours(2)), state.Pending);
        Assert.Equal(5, state.SilentDays(At.AddHours(2).AddDays(5)));
    }

    [Fact]
    public void The_customer_answering_ends_the_silence_and_the_pending_proposal()
    {
        var state = State(new ComplaintInfo(ComplaintMood.Angry, null, Anna, [], SilentSince: At, MayCloseFrom: At + Silence,
            PendingProposal: new PendingProposal(41, "Anna Berger", At)));

        state.Heard(Reply(42, Customer, At.AddDays(1)));

        Assert.Null(state.MayCloseFrom);
        Assert.Null(state.Pending);
    }

    [Fact]
    public void Another_customer_s_reply_changes_neither_the_clock_nor_the_proposal()
    {
        var pending = new PendingProposal(41, "Anna Berger", At);
        var state = State(new ComplaintInfo(ComplaintMood.Angry, null, Anna, [], SilentSince: At, MayCloseFrom: At + Silence, PendingProposal: pending));

        state.Apply(new ReplyAdded(Reply(43, Neighbour, At.AddDays(1)), PostId, 2, At.AddDays(1)));

        Assert.Equal((At + Silence, pending), (state.MayCloseFrom, state.Pending));
    }

    [Fact]
    public void Internal_notes_and_other_posts_are_not_heard()
    {
        var state = State(new ComplaintInfo(ComplaintMood.Angry, null, Anna, [], WaitingSince: At));

        Assert.False(state.Apply(new ReplyAdded(Reply(44, Anna, At.AddHours(1)) with { IsInternalNote = true }, PostId, 0, At.AddHours(1))));
        Assert.False(state.Apply(new ReplyAdded(Reply(45, Anna, At.AddHours(1)), PostId + 1, 1, At.AddHours(1))));

        Assert.Null(state.MayCloseFrom);
    }

    [Fact]
    public void Solved_it_counts_the_silence_until_the_closing_and_offers_nothing_more_to_close()
    {
        var state = State(new ComplaintInfo(ComplaintMood.Angry, null, Anna, [], SilentSince: At, MayCloseFrom: At + Silence));

        state.Apply(new StatusChanged(PostId, PostStatus.Open, PostStatus.Solved, "Anna Berger", null, null, At.AddDays(15),
            ComplaintOutcome.ClosedAfterSilence));

        Assert.True(state.Solved);
        Assert.Equal(ComplaintOutcome.ClosedAfterSilence, state.Outcome);
        Assert.Null(state.MayCloseFrom);
        Assert.Equal(15, state.SilentDays(At.AddDays(40)));
    }

    [Fact]
    public void A_rating_arrives_live_for_staff()
    {
        var state = State(new ComplaintInfo(ComplaintMood.Angry, null, Anna, [], Outcome: ComplaintOutcome.ConfirmedByCustomer), PostStatus.Solved);

        state.Apply(new ComplaintRated(PostId, new ComplaintRatingView(4, "Quick and kind", At), At));

        Assert.Equal(4, state.Rating!.Stars);
    }

    private static ComplaintResolutionState State(ComplaintInfo complaint, PostStatus status = PostStatus.Open) =>
        new(PostId, Customer.Id, status, complaint, Silence);

    private static ReplyView Reply(long id, AuthorInfo author, DateTime at, bool proposal = false) =>
        new(id, null, author, "Text", at, null, false, proposal);
}
