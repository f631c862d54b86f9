using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Complaints;

/// <summary>The complaint page shows a new owner live, and staff take a complaint over from it.</summary>
public sealed class ComplaintOwnershipPageTests : ComponentTestContext
{
    public ComplaintOwnershipPageTests()
    {
        // Registered before UseDatabase: it resolves the database, after which bUnit takes no more services.
        Services.AddSingleton<PostService>();
        UseDatabase();
    }

    [Fact]
    public async Task The_customer_sees_the_new_owner_and_the_reason_as_soon_as_the_complaint_changes_hands()
    {
        var customerId = await SeedUserAsync("Greta Hansen", Roles.CustomerId);
        var id = await SeedComplaintAsync(customerId, "Parcel never arrived");
        SignIn(customerId, Roles.Customer);
        var page = Render<PostPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=complaint-unassigned]")));
        Assert.Empty(page.FindAll("[data-testid=ownership-claim]"));

        var mira = new AuthorInfo("mira", "Mira Schulz", null, "Billing", DateTime.UtcNow, IsStaff: true);
        await Services.GetRequiredService<ILiveBus>().PublishAsync(new ComplaintOwnerChanged(
            id, mira, new HandoverView(null, "Mira Schulz", "Jonas Weber", "Mira handles refunds", DateTime.UtcNow), DateTime.UtcNow), Ct);

        page.WaitForAssertion(() => Assert.Contains("Mira Schulz, Billing", page.Find("[data-testid=complaint-owner]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Mira handles refunds", page.Find("[data-testid=complaint-handovers]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_take_over_from_the_page_and_the_hand_over_is_shown_once()
    {
        var customerId = await SeedUserAsync("Greta Hansen", Roles.CustomerId);
        var jonasId = await SeedUserAsync("Jonas Weber", Roles.StaffId);
        var annaId = await SeedUserAsync("Anna Berger", Roles.StaffId);
        var id = await SeedComplaintAsync(customerId, "Parcel never arrived", ownerId: jonasId);
        SignIn(annaId, Roles.Staff);
        var page = Render<PostPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=ownership-claim]")));

        await page.Find("[data-testid=ownership-claim]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Anna Berger", page.Find("[data-testid=complaint-owner]").TextContent, StringComparison.Ordinal));
        var line = Assert.Single(page.FindAll("[data-testid=complaint-handovers] li"));
        Assert.Contains("Anna Berger took over this complaint from Jonas Weber.", line.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=ownership-claim]"));
    }

    [Fact]
    public async Task Handing_over_without_a_reason_is_refused_in_the_dialog_and_with_one_the_colleague_owns_it()
    {
        var customerId = await SeedUserAsync("Greta Hansen", Roles.CustomerId);
        var annaId = await SeedUserAsync("Anna Berger", Roles.StaffId);
        var miraId = await SeedUserAsync("Mira Schulz", Roles.StaffId);
        var id = await SeedComplaintAsync(customerId, "Parcel never arrived", ownerId: annaId);
        SignIn(annaId, Roles.Staff);
        // The layout's providers: the dialog renders into the first, the colleague list into the second.
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var page = Render<PostPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=ownership-handover]")));

        await page.Find("[data-testid=ownership-handover]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=ownership-handover-confirm]")));
        Assert.True(dialogs.Find("[data-testid=ownership-handover-confirm]").HasAttribute("disabled"));

        // The colleague list offers everyone on the team but the owner.
        await dialogs.Find("div.mud-input-control.mud-select").MouseDownAsync(new());
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-list-item")));
        var offered = popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()).ToList();
        Assert.DoesNotContain(offered, o => o.StartsWith("Anna Berger", StringComparison.Ordinal));
        await popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("Mira Schulz", StringComparison.Ordinal)).ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("[data-testid=ownership-handover-confirm]").HasAttribute("disabled")));

        await dialogs.Find("[data-testid=ownership-handover-confirm]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Please say why you hand it over", dialogs.Markup, StringComparison.Ordinal));
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            Assert.Equal(annaId, await db.Posts.Where(p => p.Id == id).Select(p => p.OwnerId).SingleAsync(Ct));
        }

        await dialogs.Find("textarea[data-testid=ownership-reason]").InputAsync(new() { Value = "Mira handles refunds" });
        await dialogs.Find("[data-testid=ownership-handover-confirm]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Mira Schulz", page.Find("[data-testid=complaint-owner]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Mira handles refunds", page.Find("[data-testid=complaint-handovers]").TextContent, StringComparison.Ordinal);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=ownership-handover-confirm]")));
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            Assert.Equal(miraId, await db.Posts.Where(p => p.Id == id).Select(p => p.OwnerId).SingleAsync(Ct));
        }
    }
}
