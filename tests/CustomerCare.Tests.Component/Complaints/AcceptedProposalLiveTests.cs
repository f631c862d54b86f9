using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Complaints;

/// <summary>The "Accepted" mark on a proposed resolution appears (and goes) live, as the page would show it after a reload.</summary>
public sealed class AcceptedProposalLiveTests : ComponentTestContext
{
    private static readonly AuthorInfo Anna = new("anna", "Anna Berger", null, "Customer Care", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), true);

    public AcceptedProposalLiveTests() => UseDatabase();

    [Fact]
    public async Task Confirming_solved_marks_the_latest_earlier_proposal_accepted_without_a_reload_and_reopening_clears_it()
    {
        SignIn("anna", Roles.Staff);
        var at = DateTime.UtcNow;
        var thread = Render<ReplyThread>(p => p.Add(t => t.PostId, 41).Add(t => t.Replies, new[]
        {
            new ReplyView(1, null, Anna, "First try: we refunded it.", at.AddMinutes(-30), null, false, IsResolutionProposal: true),
            new ReplyView(2, null, Anna, "Second try: refunded twice.", at.AddMinutes(-10), null, false, IsResolutionProposal: true),
        }));
        var bus = Services.GetRequiredService<ILiveBus>();
        Assert.DoesNotContain("Accepted", thread.Markup, StringComparison.Ordinal);

        await bus.PublishAsync(new StatusChanged(41, PostStatus.Open, PostStatus.Solved, "Clara", null, null, at, ComplaintOutcome.ConfirmedByCustomer), Ct);

        thread.WaitForAssertion(() => Assert.Equal(
            ["Proposed resolution", "Proposed resolution · Accepted"], thread.FindAll("[data-testid=proposal-badge]").Select(b => b.TextContent.Trim())));

        await bus.PublishAsync(new StatusChanged(41, PostStatus.Solved, PostStatus.InProgress, "Clara", null, null, at.AddMinutes(1)), Ct);

        thread.WaitForAssertion(() => Assert.DoesNotContain("Accepted", thread.Markup, StringComparison.Ordinal));
    }
}
