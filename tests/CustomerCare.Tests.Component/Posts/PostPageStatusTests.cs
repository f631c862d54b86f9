using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Roadmap;
using CustomerCare.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CustomerCare.Tests.Component.Posts;

/// <summary>A decision reaches every open idea page at once: chip, release and history, without a reload.</summary>
public sealed class PostPageStatusTests : ComponentTestContext
{
    public PostPageStatusTests()
    {
        // Registered before UseDatabase: it resolves the database, after which bUnit takes no more services.
        Services.AddSingleton<StatusDecisionService>();
        Services.AddSingleton<PostService>();
        UseDatabase();
    }

    [Fact]
    public async Task Status_chip_and_history_follow_a_published_decision()
    {
        var ideaId = await SeedIdeaAsync(status: PostStatus.InProgress);
        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
        page.WaitForAssertion(() => Assert.Equal("In progress", page.Find("[data-testid=status-chip]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=status-history]"));

        await Services.GetRequiredService<ILiveBus>().PublishAsync(
            new StatusChanged(ideaId, PostStatus.InProgress, PostStatus.Shipped, "Petra Owner", "Out for everyone.", "App 3.2", DateTime.UtcNow), Ct);

        page.WaitForAssertion(() => Assert.Equal("Shipped", page.Find("[data-testid=status-chip]").TextContent.Trim()));
        Assert.Equal("Shipped in App 3.2", page.Find("[data-testid=shipped-in]").TextContent.Trim());
        var history = page.Find("[data-testid=status-history]").TextContent;
        Assert.Contains("Petra Owner", history, StringComparison.Ordinal);
        Assert.Contains("Out for everyone.", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_product_owners_decision_on_the_page_shows_up_in_chip_and_history()
    {
        var ideaId = await SeedIdeaAsync(status: PostStatus.UnderReview);
        var ownerId = await SeedUserAsync("Petra Owner", Roles.ProductOwnerId);
        SignIn(ownerId, Roles.ProductOwner);
        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=status-decision]")));

        var select = page.FindComponent<MudSelect<PostStatus?>>();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(PostStatus.Planned));
        await page.Find("[data-testid=decision-save]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Planned", page.Find("[data-testid=status-chip]").TextContent.Trim()));
        Assert.Contains("Petra Owner", page.Find("[data-testid=status-history]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decisions_about_other_ideas_leave_the_page_alone()
    {
        var ideaId = await SeedIdeaAsync(status: PostStatus.Planned);
        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
        page.WaitForAssertion(() => Assert.Equal("Planned", page.Find("[data-testid=status-chip]").TextContent.Trim()));

        await Services.GetRequiredService<ILiveBus>().PublishAsync(
            new StatusChanged(ideaId + 1, PostStatus.Planned, PostStatus.Declined, "Petra Owner", "No.", null, DateTime.UtcNow), Ct);

        Assert.Equal("Planned", page.Find("[data-testid=status-chip]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=status-history]"));
    }

    [Fact]
    public async Task Page_unsubscribes_when_it_goes_away()
    {
        var ideaId = await SeedIdeaAsync(status: PostStatus.Open);
        var bus = Services.GetRequiredService<InMemoryLiveBus>();
        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=status-chip]")));
        Assert.NotEqual(0, bus.SubscriptionCount);

        await DisposeComponentsAsync();

        Assert.Equal(0, bus.SubscriptionCount);
    }
}
