using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Roadmap;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Roadmap;

/// <summary>The roadmap's "recently shipped" column: shipped in the last 90 days, by the shipping decision.</summary>
public sealed class RoadmapTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private readonly TestContent content = new(portal);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reply_on_an_idea_shipped_long_ago_does_not_bring_it_back_to_the_roadmap()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var recent = await ShippedIdeaAsync(author, daysAgo: 10);
        var old = await ShippedIdeaAsync(author, daysAgo: 200);

        var reply = await portal.Services.GetRequiredService<ThreadService>()
            .ReplyAsync(old, null, "Still works great, thank you!", internalNote: false, author, Ct);
        var roadmap = await portal.Services.GetRequiredService<RoadmapService>().GetAsync(Viewer.Anonymous, Ct);

        Assert.True(reply.Succeeded);
        Assert.Contains(recent, roadmap.Shipped.Select(i => i.Id));
        Assert.DoesNotContain(old, roadmap.Shipped.Select(i => i.Id));
    }

    private async Task<int> ShippedIdeaAsync(Viewer author, int daysAgo)
    {
        var ideaId = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct, status: PostStatus.Shipped);
        var productOwner = await content.AddPersonAsync(Roles.ProductOwner, Ct);
        var at = DateTime.UtcNow.AddDays(-daysAgo);
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        db.StatusChanges.Add(new StatusChange { PostId = ideaId, From = PostStatus.InProgress, To = PostStatus.Shipped, ChangedById = productOwner.UserId!, ChangedAt = at });
        await db.SaveChangesAsync(Ct);
        await db.Posts.Where(p => p.Id == ideaId).ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, at), Ct);
        return ideaId;
    }
}
