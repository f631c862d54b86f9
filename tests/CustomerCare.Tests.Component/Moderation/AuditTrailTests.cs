using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Moderation;

namespace CustomerCare.Tests.Component.Moderation;

/// <summary>The audit trail of a post: what was done, by whom, when.</summary>
public sealed class AuditTrailTests : ComponentTestContext
{
    [Fact]
    public async Task An_act_of_a_deleted_account_names_a_former_customer_in_the_readers_language()
    {
        UseCulture("de");
        var at = new DateTime(2026, 5, 4, 10, 0, 0, DateTimeKind.Utc);
        var trail = Render<AuditTrail>(p => p.Add(x => x.Entries, [
            new AuditEntryView(AuditAction.Edited, CareUser.FormerCustomerName, at, null, null),
            new AuditEntryView(AuditAction.Removed, "Sam Staff", at.AddHours(1), "Spam", null),
        ]));

        await trail.Find("[data-testid=audit-trail] .mud-expand-panel-header").ClickAsync(new());

        trail.WaitForAssertion(() => Assert.Equal(2, trail.FindAll("[data-testid=audit-entry]").Count));
        var entries = trail.FindAll("[data-testid=audit-entry]").Select(e => e.TextContent).ToList();
        Assert.Contains("Ehemaliger Kunde", entries[0], StringComparison.Ordinal);
        Assert.Contains("Sam Staff", entries[1], StringComparison.Ordinal);
        Assert.DoesNotContain(CareUser.FormerCustomerName, trail.Markup, StringComparison.Ordinal);
    }
}
