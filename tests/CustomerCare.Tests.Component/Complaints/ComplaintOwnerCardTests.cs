using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Complaints;

/// <summary>The complaint's face: who owns it, how the customer felt, the hand-overs and the promised answer time.</summary>
public sealed class ComplaintOwnerCardTests : ComponentTestContext
{
    // Monday 23 November 2026, 10:00 in Berlin (09:00 UTC).
    private static readonly DateTime Monday10 = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    private static readonly AuthorInfo Anna = new("anna", "Anna Berger", "avatars/anna-berger.svg", "Customer Care", new(2019, 1, 1), IsStaff: true);

    public ComplaintOwnerCardTests()
    {
        Services.AddSingleton<TimeProvider>(new FixedTime(Monday10.AddMinutes(5)));
    }

    [Fact]
    public void The_customer_sees_the_owner_with_face_and_role_and_the_promised_answer_time()
    {
        var card = Render<ComplaintOwnerCard>(p => p.Add(x => x.Complaint, new ComplaintInfo(
            ComplaintMood.Angry, "INV-1187", Anna, [new HandoverView(null, "Anna Berger", null, null, Monday10)], Monday10, FirstAnswer: true)));

        Assert.Contains("Anna Berger, Customer Care", card.Find("[data-testid=complaint-owner]").TextContent, StringComparison.Ordinal);
        Assert.Contains("I am taking care of this.", card.Find("[data-testid=complaint-owner]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(card.Find("[data-testid=complaint-owner] img, [data-testid=complaint-owner] .mud-avatar"));
        Assert.Equal("Your complaint is with our team — you get an answer by today 14:00", card.Find("[data-testid=complaint-promise]").TextContent.Trim());
        Assert.Contains("Angry", card.Find("[data-testid=complaint-mood-chip]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Assigned to Anna Berger.", card.Find("[data-testid=complaint-handovers]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Once_staff_answered_no_promise_is_shown_and_without_an_owner_the_customer_is_told_one_comes()
    {
        var card = Render<ComplaintOwnerCard>(p => p.Add(x => x.Complaint, new ComplaintInfo(ComplaintMood.Hopeful, null, null, [])));

        Assert.Empty(card.FindAll("[data-testid=complaint-promise]"));
        Assert.NotNull(card.Find("[data-testid=complaint-unassigned]"));
    }

    private sealed class FixedTime(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc);
    }
}
