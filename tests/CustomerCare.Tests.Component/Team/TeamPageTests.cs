using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Team;

namespace CustomerCare.Tests.Component.Team;

/// <summary>"Who takes care of you": every person who works here with face, role and thanks; no customer.</summary>
public sealed class TeamPageTests : ComponentTestContext
{
    public TeamPageTests() => UseDatabase();

    [Fact]
    public async Task The_team_shows_each_person_who_works_here_with_their_thanks_and_a_link_to_their_profile()
    {
        var anna = await SeedUserAsync("Anna Teamtest", Roles.StaffId, jobTitle: "Customer Care");
        var jonas = await SeedUserAsync("Jonas Teamtest", Roles.ProductOwnerId);
        var clara = await SeedUserAsync("Clara Teamtest", Roles.CustomerId);
        var idea = await SeedIdeaAsync(clara);
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            db.Thanks.Add(new Data.Entities.Thanks
            {
                FromUserId = clara, ToUserId = anna, PostId = idea, Target = Data.Entities.Thanks.ComplaintTarget(idea), CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }

        var page = Render<TeamPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=team-member]").Count));
        var cards = page.FindAll("[data-testid=team-member]").ToDictionary(c => c.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal("Thanked once", cards["Anna Teamtest"].QuerySelector("[data-testid=thanked-count]")!.TextContent.Trim());
        Assert.Contains("Customer Care", cards["Anna Teamtest"].TextContent, StringComparison.Ordinal);
        Assert.Equal("Not thanked yet", cards["Jonas Teamtest"].QuerySelector("[data-testid=thanked-count]")!.TextContent.Trim());
        Assert.Equal($"/team/{jonas}", cards["Jonas Teamtest"].QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain("Clara Teamtest", page.Markup, StringComparison.Ordinal);
    }

    private async Task<int> SeedIdeaAsync(string authorId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = new Post { Kind = PostKind.Idea, Title = "An idea", Body = "Body", AuthorId = authorId, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, IsPublic = true };
        db.Posts.Add(post);
        await db.SaveChangesAsync(Ct);
        return post.Id;
    }
}
