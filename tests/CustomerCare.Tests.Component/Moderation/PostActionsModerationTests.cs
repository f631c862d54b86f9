using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Moderation;

/// <summary>On the post page: who is offered "Report", and what the author and staff read about a post that waits.</summary>
public sealed class PostActionsModerationTests : ComponentTestContext
{
    public PostActionsModerationTests() => UseDatabase();

    [Theory]
    [InlineData("reader", true)]
    [InlineData("author", false)]
    [InlineData("staff", false)]
    [InlineData("visitor", false)]
    public async Task Readers_are_offered_report_but_not_its_author_staff_or_visitors(string who, bool offered)
    {
        var authorId = await SeedUserAsync("Bert Brandt", Roles.CustomerId);
        var ideaId = await SeedIdeaAsync(authorId: authorId);
        var viewer = who switch
        {
            "reader" => await SignedInAsync(Roles.Customer, Roles.CustomerId),
            "author" => SignedIn(authorId, Roles.Customer),
            "staff" => await SignedInAsync(Roles.Staff, Roles.StaffId),
            _ => Viewer.Anonymous,
        };

        var actions = await RenderAsync(ideaId, viewer);

        Assert.Equal(offered ? 1 : 0, actions.FindAll("[data-testid=post-report]").Count);
    }

    [Fact]
    public async Task The_author_reads_that_their_idea_waits_and_staff_may_approve_it_there()
    {
        var authorId = await SeedUserAsync("Nina Neu", Roles.CustomerId);
        var ideaId = await SeedIdeaAsync(authorId: authorId);
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == ideaId).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.HeldAt, DateTime.UtcNow).SetProperty(p => p.HoldReason, HoldReason.Links), Ct);
        }

        var authors = await RenderAsync(ideaId, SignedIn(authorId, Roles.Customer));
        Assert.Equal("Your post waits for approval by our team. Until then only you and our team can see it.",
            authors.Find("[data-testid=held-banner]").TextContent.Trim());
        Assert.Empty(authors.FindAll("[data-testid=held-approve]"));

        var reread = new TaskCompletionSource<PostDetails?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var staffs = await RenderAsync(ideaId, await SignedInAsync(Roles.Staff, Roles.StaffId), details => reread.TrySetResult(details));
        Assert.Contains("many links", staffs.Find("[data-testid=held-banner]").TextContent, StringComparison.Ordinal);

        await staffs.Find("[data-testid=held-approve]").ClickAsync(new());

        // The approval's live event makes the page read the post again: it no longer waits.
        var details = await reread.Task.WaitAsync(TestTimeouts.Wait, Ct);
        Assert.NotNull(details);
        Assert.Null(details.Held);
        await using var check = await Dbs.CreateDbContextAsync(Ct);
        Assert.Null(await check.Posts.Where(p => p.Id == ideaId).Select(p => p.HeldAt).SingleAsync(Ct));
    }

    private async Task<Viewer> SignedInAsync(string role, string roleId) => SignedIn(await SeedUserAsync($"Someone {role}", roleId), role);

    private Viewer SignedIn(string userId, string role)
    {
        SignIn(userId, role);
        return new(userId, IsStaff: role == Roles.Staff, IsProductOwner: false, IsAdmin: false);
    }

    private async Task<IRenderedComponent<PostActions>> RenderAsync(int ideaId, Viewer viewer, Action<PostDetails?>? changed = null)
    {
        var details = await Services.GetRequiredService<PostService>().GetAsync(ideaId, viewer, Ct);
        Assert.NotNull(details);
        var actions = Render<PostActions>(p => p.Add(x => x.Details, details).Add(x => x.DetailsChanged, reread => changed?.Invoke(reread)));
        actions.WaitForAssertion(() => Assert.Single(actions.FindAll("[data-testid=post-actions]")));
        return actions;
    }
}
