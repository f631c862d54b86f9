using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Roadmap;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace CustomerCare.Tests.Component.Decisions;

public sealed class StatusDecisionTests : ComponentTestContext
{
    public StatusDecisionTests()
    {
        // Registered before UseDatabase: it resolves the database, after which bUnit takes no more services.
        Services.AddSingleton<StatusDecisionService>();
        Services.AddSingleton<PostService>();
        UseDatabase();
    }

    [Fact]
    public void A_customer_sees_no_decision_panel()
    {
        Auth.SetAuthorized("clara@example.test");
        Auth.SetRoles(Roles.Customer);

        var panel = Render<StatusDecision>(p => p.Add(d => d.PostId, 1).Add(d => d.Current, PostStatus.Open));

        Assert.Empty(panel.FindAll("[data-testid=status-decision]"));
    }

    [Theory]
    [InlineData(Roles.ProductOwner)]
    [InlineData(Roles.Admin)]
    public void Product_owners_and_admins_see_the_decision_panel(string role)
    {
        Auth.SetAuthorized("petra@example.test");
        Auth.SetRoles(role);

        var panel = Render<StatusDecision>(p => p.Add(d => d.PostId, 1).Add(d => d.Current, PostStatus.Open));

        Assert.Single(panel.FindAll("[data-testid=status-decision]"));
        Assert.Contains("Save decision", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_without_a_note_shows_why_and_keeps_the_form()
    {
        var (ideaId, ownerId) = await SeedAsync();
        SignIn(ownerId, Roles.ProductOwner);
        var panel = Render<StatusDecision>(p => p.Add(d => d.PostId, ideaId).Add(d => d.Current, PostStatus.Open));

        await ChooseAsync(panel, PostStatus.Declined);
        Assert.Contains("Reason (required)", panel.Markup, StringComparison.Ordinal);
        await panel.Find("[data-testid=decision-save]").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Contains("Please give a reason for declining.", panel.Markup, StringComparison.Ordinal));
        Assert.Equal(PostStatus.Declined, panel.FindComponent<MudSelect<PostStatus?>>().Instance.GetState(s => s.Value));
        var shown = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal(Severity.Warning, shown.Severity);
        Assert.Equal(PostStatus.Open, await StatusAsync(ideaId));
    }

    [Fact]
    public async Task A_refused_release_keeps_everything_typed()
    {
        var (ideaId, ownerId) = await SeedAsync();
        SignIn(ownerId, Roles.ProductOwner);
        var panel = Render<StatusDecision>(p => p.Add(d => d.PostId, ideaId).Add(d => d.Current, PostStatus.Open));

        await ChooseAsync(panel, PostStatus.Shipped);
        var tooLong = new string('r', Post.ReleaseMaxLength + 1);
        var release = panel.FindComponents<MudTextField<string>>()[0];
        await release.Find("input").InputAsync(new() { Value = tooLong });
        await panel.Find("textarea").InputAsync(new() { Value = "Out for everyone." });
        await panel.Find("[data-testid=decision-save]").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Contains("The release may have at most 40 characters.", panel.Markup, StringComparison.Ordinal));
        Assert.Equal(tooLong, release.Find("input").GetAttribute("value"));
        Assert.Equal("Out for everyone.", panel.Find("textarea").GetAttribute("value") ?? panel.Find("textarea").TextContent);
        Assert.Equal(PostStatus.Open, await StatusAsync(ideaId));
    }

    [Fact]
    public async Task Saving_a_decision_moves_the_idea()
    {
        var (ideaId, ownerId) = await SeedAsync();
        SignIn(ownerId, Roles.ProductOwner);
        var panel = Render<StatusDecision>(p => p.Add(d => d.PostId, ideaId).Add(d => d.Current, PostStatus.Open));

        await ChooseAsync(panel, PostStatus.Planned);
        await panel.Find("[data-testid=decision-save]").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Equal(Severity.Success, Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars).Severity));
        Assert.Equal(PostStatus.Planned, await StatusAsync(ideaId));
    }

    private static async Task ChooseAsync(IRenderedComponent<StatusDecision> panel, PostStatus status)
    {
        var select = panel.FindComponent<MudSelect<PostStatus?>>();
        await panel.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(status));
    }

    private async Task<PostStatus> StatusAsync(int postId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.Posts.Where(p => p.Id == postId).Select(p => p.Status).SingleAsync(Ct);
    }

    private async Task<(int IdeaId, string OwnerId)> SeedAsync()
    {
        var ownerId = await SeedUserAsync("Petra Owner", Roles.ProductOwnerId);
        return (await SeedIdeaAsync(), ownerId);
    }
}
