using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Complaints;

/// <summary>The complaint's idea card: the customer's wording, the idea's live status, staff actions for staff only.</summary>
public sealed class ComplaintIdeaLinkCardTests : ComponentTestContext
{
    private static readonly LinkedIdeaView Idea = new(42, "Refund double charges automatically", PostStatus.Planned, 17, null);

    public ComplaintIdeaLinkCardTests() => UseDatabase();

    [Fact]
    public void The_customer_reads_that_their_complaint_led_to_the_idea_and_gets_no_staff_actions()
    {
        SignIn("greta", Roles.Customer);

        var card = Render<ComplaintIdeaLink>(p => p
            .Add(x => x.ComplaintId, 7).Add(x => x.ComplaintTitle, "Charged twice").Add(x => x.ComplaintAuthorId, "greta").Add(x => x.Initial, Idea));

        Assert.Equal("Your complaint led to this idea", card.Find("[data-testid=idea-link-heading]").TextContent.Trim());
        Assert.Equal("/posts/42", card.Find("[data-testid=idea-link-title]").GetAttribute("href"));
        Assert.Equal("Planned", card.Find("[data-testid=status-chip]").TextContent.Trim());
        Assert.Contains("17 votes", card.Find("[data-testid=idea-link-votes]").TextContent, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("[data-testid=idea-link-actions]"));
    }

    [Fact]
    public async Task A_customer_without_a_link_sees_nothing_until_staff_link_it_then_follows_it_to_shipped_live()
    {
        SignIn("greta", Roles.Customer);
        var card = Render<ComplaintIdeaLink>(p => p
            .Add(x => x.ComplaintId, 7).Add(x => x.ComplaintTitle, "Charged twice").Add(x => x.ComplaintAuthorId, "greta"));
        Assert.Empty(card.FindAll("[data-testid=complaint-idea-link]"));
        var bus = Services.GetRequiredService<ILiveBus>();

        await bus.PublishAsync(new ComplaintIdeaLinked(7, Idea, DateTime.UtcNow), Ct);
        card.WaitForAssertion(() => Assert.Equal("Planned", card.Find("[data-testid=status-chip]").TextContent.Trim()));

        // Once the card shows the idea it follows the idea's own topic (subscribed after that render).
        card.WaitForAssertion(() => Assert.Equal(1, Services.GetRequiredService<InMemoryLiveBus>().SubscriptionCountOf(LiveTopics.Post(42))));
        await bus.PublishAsync(new StatusChanged(42, PostStatus.Planned, PostStatus.Shipped, "Paula", null, "App 3.2", DateTime.UtcNow), Ct);
        card.WaitForAssertion(() => Assert.Equal("Shipped", card.Find("[data-testid=status-chip]").TextContent.Trim()));
        Assert.Equal("Shipped in App 3.2", card.Find("[data-testid=idea-link-shipped]").TextContent.Trim());

        await bus.PublishAsync(new ComplaintIdeaLinked(7, null, DateTime.UtcNow), Ct);
        card.WaitForAssertion(() => Assert.Empty(card.FindAll("[data-testid=complaint-idea-link]")));
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Admin)]
    public void Staff_read_linked_to_idea_and_get_link_create_and_unlink(string role)
    {
        SignIn("jonas", role);

        var card = Render<ComplaintIdeaLink>(p => p
            .Add(x => x.ComplaintId, 7).Add(x => x.ComplaintTitle, "Charged twice").Add(x => x.ComplaintAuthorId, "greta").Add(x => x.Initial, Idea));

        Assert.Equal("Linked to idea", card.Find("[data-testid=idea-link-heading]").TextContent.Trim());
        Assert.NotNull(card.Find("[data-testid=idea-link-submit]"));
        Assert.NotNull(card.Find("[data-testid=idea-link-create]"));
        Assert.NotNull(card.Find("[data-testid=idea-link-unlink]"));
    }

    [Fact]
    public void Another_customer_reading_a_public_complaint_is_not_told_it_is_theirs()
    {
        SignIn("clara", Roles.Customer);

        var card = Render<ComplaintIdeaLink>(p => p
            .Add(x => x.ComplaintId, 7).Add(x => x.ComplaintTitle, "Charged twice").Add(x => x.ComplaintAuthorId, "greta").Add(x => x.Initial, Idea));

        Assert.Equal("This complaint led to this idea", card.Find("[data-testid=idea-link-heading]").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=idea-link-actions]"));
    }

    [Fact]
    public void The_card_speaks_German()
    {
        UseCulture("de");
        SignIn("greta", Roles.Customer);

        var card = Render<ComplaintIdeaLink>(p => p
            .Add(x => x.ComplaintId, 7).Add(x => x.ComplaintTitle, "Doppelt abgebucht").Add(x => x.ComplaintAuthorId, "greta").Add(x => x.Initial, Idea));

        Assert.Equal("Ihre Reklamation hat zu dieser Idee geführt", card.Find("[data-testid=idea-link-heading]").TextContent.Trim());
    }
}
