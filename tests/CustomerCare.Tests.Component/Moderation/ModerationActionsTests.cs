using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace CustomerCare.Tests.Component.Moderation;

/// <summary>The edit and remove buttons show only for those the service would let through.</summary>
public sealed class ModerationActionsTests : ComponentTestContext
{
    private readonly SettableTime clock = new(DateTime.UtcNow);
    public ModerationActionsTests()
    {
        // Registered before UseDatabase: it resolves the database, after which bUnit takes no more services.
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddSingleton<PostService>();
        Services.AddSingleton<IdeaService>();
        UseDatabase();
    }

    [Fact]
    public async Task The_author_sees_edit_with_the_minutes_left_while_the_window_is_open()
    {
        var (authorId, ideaId, created) = await SeedAuthoredIdeaAsync();
        SignIn(authorId, Roles.Customer);
        clock.Now = created.AddMinutes(20);

        var actions = await RenderActionsAsync(ideaId, new(authorId, false, false, false));

        actions.WaitForAssertion(() => Assert.Contains("10 min left", actions.Find("[data-testid=moderation-edit]").TextContent, StringComparison.Ordinal));
        Assert.Empty(actions.FindAll("[data-testid=moderation-remove]"));
        Assert.Empty(actions.FindAll("[data-testid=audit-trail]"));
    }

    [Fact]
    public async Task The_author_no_longer_sees_edit_after_thirty_minutes()
    {
        var (authorId, ideaId, created) = await SeedAuthoredIdeaAsync();
        SignIn(authorId, Roles.Customer);
        clock.Now = created.AddMinutes(31);

        var actions = await RenderActionsAsync(ideaId, new(authorId, false, false, false));

        actions.WaitForAssertion(() => Assert.Single(actions.FindAll("[data-testid=post-actions]")));
        Assert.Empty(actions.FindAll("[data-testid=moderation-edit]"));
    }

    [Fact]
    public async Task A_customer_who_is_not_the_author_sees_neither_edit_nor_remove()
    {
        var (_, ideaId, created) = await SeedAuthoredIdeaAsync();
        var customerId = await SeedUserAsync("Carla Customer", Roles.CustomerId);
        SignIn(customerId, Roles.Customer);
        clock.Now = created.AddMinutes(1);

        var actions = await RenderActionsAsync(ideaId, new(customerId, false, false, false));

        actions.WaitForAssertion(() => Assert.Single(actions.FindAll("[data-testid=post-actions]")));
        Assert.Empty(actions.FindAll("[data-testid=moderation-edit]"));
        Assert.Empty(actions.FindAll("[data-testid=moderation-remove]"));
    }

    [Fact]
    public async Task Staff_see_edit_remove_and_the_audit_trail_at_any_time()
    {
        var (_, ideaId, created) = await SeedAuthoredIdeaAsync();
        var staffId = await SeedUserAsync("Sam Staff", Roles.StaffId);
        SignIn(staffId, Roles.Staff);
        clock.Now = created.AddDays(3);

        var actions = await RenderActionsAsync(ideaId, new(staffId, true, false, false));

        actions.WaitForAssertion(() => Assert.Equal("Edit", actions.Find("[data-testid=moderation-edit]").TextContent.Trim()));
        Assert.Single(actions.FindAll("[data-testid=moderation-remove]"));
        Assert.Single(actions.FindAll("[data-testid=audit-trail]"));
    }

    [Fact]
    public async Task A_refused_edit_keeps_what_was_typed_and_says_why_at_the_field()
    {
        var (authorId, ideaId, created) = await SeedAuthoredIdeaAsync();
        SignIn(authorId, Roles.Customer);
        clock.Now = created.AddMinutes(5);
        var actions = await RenderActionsAsync(ideaId, new(authorId, false, false, false));
        actions.WaitForAssertion(() => Assert.Single(actions.FindAll("[data-testid=moderation-edit]")));

        await actions.Find("[data-testid=moderation-edit]").ClickAsync(new());
        var title = actions.FindComponents<MudTextField<string>>()[0];
        Assert.Equal("Read the meter by photo", title.Instance.GetState(x => x.Value));
        await actions.InvokeAsync(() => title.Instance.ValueChanged.InvokeAsync("Tiny"));
        await actions.Find("[data-testid=edit-save]").ClickAsync(new());

        actions.WaitForAssertion(() => Assert.Contains("The title needs 5 to 120 characters.", actions.Find("[data-testid=edit-form]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Tiny", actions.FindComponents<MudTextField<string>>()[0].Instance.GetState(x => x.Value));
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        Assert.Equal("Read the meter by photo", await db.Posts.Where(p => p.Id == ideaId).Select(p => p.Title).SingleAsync(Ct));
    }

    private async Task<Bunit.IRenderedComponent<PostActions>> RenderActionsAsync(int ideaId, Viewer viewer)
    {
        var details = await Services.GetRequiredService<PostService>().GetAsync(ideaId, viewer, Ct);
        Assert.NotNull(details);
        return Render<PostActions>(p => p.Add(x => x.Details, details));
    }

    /// <summary>An idea by a new customer, created at the test clock's now (which the tests then move on from).</summary>
    private async Task<(string AuthorId, int IdeaId, DateTime CreatedAt)> SeedAuthoredIdeaAsync()
    {
        var authorId = await SeedUserAsync("Author", Roles.CustomerId);
        return (authorId, await SeedIdeaAsync(authorId: authorId), clock.Now);
    }

    private sealed class SettableTime(DateTime now) : TimeProvider
    {
        public DateTime Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Now, DateTimeKind.Utc));
    }
}
