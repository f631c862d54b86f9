using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Votes;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Tests.Component.Votes;

/// <summary>The staff's list of who voted for an idea.</summary>
public sealed class VotersPanelTests : ComponentTestContext
{
    public VotersPanelTests() => UseDatabase();

    [Fact]
    public async Task A_deleted_accounts_vote_is_listed_as_a_former_customer_in_the_readers_language()
    {
        var ideaId = await SeedIdeaAsync();
        var vera = await SeedUserAsync("Vera Voter", Roles.CustomerId);
        var gone = await SeedUserAsync(CareUser.FormerCustomerName, Roles.CustomerId);
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            db.Votes.AddRange(new Vote { PostId = ideaId, UserId = vera, CreatedAt = DateTime.UtcNow },
                new Vote { PostId = ideaId, UserId = gone, CreatedAt = DateTime.UtcNow.AddMinutes(-1) });
            await db.SaveChangesAsync(Ct);
            await db.Posts.Where(p => p.Id == ideaId).ExecuteUpdateAsync(s => s.SetProperty(p => p.VoteCount, 2), Ct);
        }

        SignIn(await SeedUserAsync("Anna Berger", Roles.StaffId, jobTitle: "Kundenservice"), Roles.Staff);
        UseCulture("de");
        var panel = Render<VotersPanel>(p => p.Add(x => x.PostId, ideaId).Add(x => x.Count, 2));

        await panel.Find("[data-testid=voters-panel] .mud-expand-panel-header").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=voters-list] li").Count));
        var list = panel.Find("[data-testid=voters-list]");
        Assert.Contains("Vera Voter", list.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ehemaliger Kunde", list.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(CareUser.FormerCustomerName, panel.Markup, StringComparison.Ordinal);
        Assert.Contains("EK", list.QuerySelectorAll(".mud-avatar").Select(a => a.TextContent.Trim()));
    }
}
