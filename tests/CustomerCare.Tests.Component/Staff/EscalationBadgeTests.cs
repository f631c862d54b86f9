using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Staff;
using CustomerCare.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Staff;

/// <summary>The team lead's badge: admins see how many open complaints are escalated, live; nobody else gets it.</summary>
public sealed class EscalationBadgeTests : ComponentTestContext
{
    public EscalationBadgeTests()
    {
        Services.AddSingleton<StaffDeskService>();
        UseDatabase();
    }

    [Fact]
    public async Task An_admin_sees_the_escalated_count_linking_to_the_desk_and_a_new_escalation_updates_it_live()
    {
        var customer = await SeedUserAsync("Test person", Roles.CustomerId);
        await SeedComplaintAsync(customer, "Heating bill doubled", escalated: true);
        await SeedComplaintAsync(customer, "Heating bill doubled", escalated: false);
        var adminId = await SeedUserAsync("Test person", Roles.AdminId);
        SignIn(adminId, Roles.Admin);

        var badge = Render<EscalationBadge>();

        Assert.Equal("1", badge.Find("[data-testid=escalation-badge] .cc-badge").TextContent.Trim());
        Assert.Equal("/staff?filter=escalated", badge.Find("[data-testid=escalation-link]").GetAttribute("href"));
        Assert.Equal(1, Services.GetRequiredService<InMemoryLiveBus>().SubscriptionCountOf(LiveTopics.Desk));

        var next = await SeedComplaintAsync(customer, "Heating bill doubled", escalated: true);
        await Services.GetRequiredService<ILiveBus>().PublishAsync(new ComplaintActivity(next, ComplaintActivityKind.Escalated, DateTime.UtcNow), Ct);

        badge.WaitForAssertion(() => Assert.Equal("2", badge.Find("[data-testid=escalation-badge] .cc-badge").TextContent.Trim()));
        // An icon-only link: screen readers hear the count, a mouse shows it as the tooltip.
        Assert.Equal("Escalated complaints: 2", badge.Find("[data-testid=escalation-link]").GetAttribute("aria-label"));
        Assert.Equal("Escalated complaints: 2", badge.Find("[data-testid=escalation-link]").GetAttribute("title"));
    }

    [Theory]
    [InlineData(Roles.Customer)]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.ProductOwner)]
    [InlineData("anonymous")]
    public async Task Nobody_but_admins_gets_the_badge_or_listens_to_the_desk(string role)
    {
        var customer = await SeedUserAsync("Test person", Roles.CustomerId);
        await SeedComplaintAsync(customer, "Heating bill doubled", escalated: true);
        if (role != "anonymous")
        {
            SignIn("someone", role);
        }

        var bus = Services.GetRequiredService<InMemoryLiveBus>();
        var badge = Render<EscalationBadge>();

        Assert.Empty(badge.FindAll("[data-testid=escalation-badge]"));
        Assert.Equal(0, bus.SubscriptionCountOf(LiveTopics.Desk));
    }
}
