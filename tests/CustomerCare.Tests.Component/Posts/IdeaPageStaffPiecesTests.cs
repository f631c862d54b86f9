using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Roadmap;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Posts;

/// <summary>The idea page's merge banner, pinned official answer and staff-only voter list.</summary>
public sealed class IdeaPageStaffPiecesTests : ComponentTestContext
{
    public IdeaPageStaffPiecesTests()
    {
        // Registered before UseDatabase: it resolves the database, after which bUnit takes no more services.
        Services.AddSingleton<StatusDecisionService>();
        Services.AddSingleton<PostService>();
        UseDatabase();
    }

    [Fact]
    public async Task A_merged_idea_says_where_it_went_and_takes_no_votes()
    {
        var originalId = await SeedIdeaAsync("Read the meter by photo");
        var duplicateId = await SeedIdeaAsync("Photo of the meter instead of typing", mergedInto: originalId);

        var page = Render<PostPage>(p => p.Add(x => x.Id, duplicateId));

        page.WaitForAssertion(() => Assert.Contains("Merged into", page.Find("[data-testid=merged-banner]").TextContent, StringComparison.Ordinal));
        var link = page.Find("[data-testid=merged-banner] a");
        Assert.Equal($"/posts/{originalId}", link.GetAttribute("href"));
        Assert.Equal("Read the meter by photo", link.TextContent.Trim());
        Assert.True(page.Find("[data-testid=vote-button]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_merge_reaches_an_open_page_of_the_duplicate()
    {
        var originalId = await SeedIdeaAsync("Read the meter by photo");
        var duplicateId = await SeedIdeaAsync("Meter photo");
        var page = Render<PostPage>(p => p.Add(x => x.Id, duplicateId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=vote-button]")));
        Assert.Empty(page.FindAll("[data-testid=merged-banner]"));

        await Services.GetRequiredService<ILiveBus>().PublishAsync(new PostMerged(duplicateId, originalId, "Read the meter by photo", DateTime.UtcNow), Ct);

        page.WaitForAssertion(() => Assert.Equal("Read the meter by photo", page.Find("[data-testid=merged-banner] a").TextContent.Trim()));
        Assert.True(page.Find("[data-testid=vote-button]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_official_answer_is_shown_on_top_with_who_gave_it()
    {
        var ideaId = await SeedIdeaAsync("Read the meter by photo");
        var anna = await SeedUserAsync("Anna Berger", Roles.StaffId, jobTitle: "Customer Care");
        var customer = await SeedUserAsync("Carl Customer", Roles.CustomerId);
        await SeedReplyAsync(ideaId, customer, "Me too!");
        var answerId = await SeedReplyAsync(ideaId, anna, "We are building it for the spring release.");
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == ideaId).ExecuteUpdateAsync(s => s.SetProperty(p => p.OfficialAnswerId, answerId), Ct);
        }

        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=official-answer]")));
        var official = page.Find("[data-testid=official-answer]");
        Assert.Contains("Official answer from Anna Berger, Customer Care", official.TextContent, StringComparison.Ordinal);
        Assert.Contains("spring release", official.TextContent, StringComparison.Ordinal);
        var markup = page.Markup;
        Assert.True(markup.IndexOf("data-testid=\"official-answer\"", StringComparison.Ordinal) < markup.IndexOf("data-testid=\"reply\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_pinned_elsewhere_appears_on_top_of_an_open_page_and_leaves_when_unpinned()
    {
        var ideaId = await SeedIdeaAsync("Read the meter by photo");
        var anna = await SeedUserAsync("Anna Berger", Roles.StaffId, jobTitle: "Customer Care");
        var answerId = await SeedReplyAsync(ideaId, anna, "We are building it for the spring release.");
        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=reply]")));
        Assert.Empty(page.FindAll("[data-testid=official-answer]"));
        var answers = Services.GetRequiredService<Web.Features.Threads.OfficialAnswerService>();
        var staff = new Web.Infrastructure.Viewer(anna, IsStaff: true, IsProductOwner: false, IsAdmin: false);

        await answers.PinAsync(ideaId, answerId, staff, Ct);

        page.WaitForAssertion(() => Assert.Contains("spring release", page.Find("[data-testid=official-answer]").TextContent, StringComparison.Ordinal));

        await answers.UnpinAsync(ideaId, staff, Ct);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=official-answer]")));
    }

    [Fact]
    public async Task Customers_see_no_voters_panel_and_no_pin_action()
    {
        var ideaId = await SeedIdeaAsync("Read the meter by photo");
        var anna = await SeedUserAsync("Anna Berger", Roles.StaffId, jobTitle: "Customer Care");
        await SeedReplyAsync(ideaId, anna, "Noted.");
        var customer = await SeedUserAsync("Carl Customer", Roles.CustomerId);
        SignIn(customer, Roles.Customer);

        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=reply]")));
        Assert.Empty(page.FindAll("[data-testid=voters-panel]"));
        Assert.Empty(page.FindAll("[data-testid=official-pin]"));
        Assert.Empty(page.FindAll("[data-testid=merge-idea]"));
    }

    [Fact]
    public async Task Staff_see_the_voters_panel_and_can_pin_a_team_reply()
    {
        var ideaId = await SeedIdeaAsync("Read the meter by photo");
        var anna = await SeedUserAsync("Anna Berger", Roles.StaffId, jobTitle: "Customer Care");
        await SeedReplyAsync(ideaId, anna, "Coming in spring.");
        SignIn(anna, Roles.Staff);

        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));

        page.WaitForAssertion(() => Assert.Contains("Voters (0)", page.Find("[data-testid=voters-panel]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=merge-idea]"));
        Assert.Equal("Pin as official answer: reply by Anna Berger", page.Find("[data-testid=official-pin]").GetAttribute("aria-label"));
        Assert.Equal("false", page.Find("[data-testid=official-pin]").GetAttribute("aria-pressed"));
        await page.Find("[data-testid=official-pin]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Anna Berger", page.Find("[data-testid=official-answer]").TextContent, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=official-pin]").GetAttribute("aria-pressed")));
        Assert.Equal("Unpin official answer: reply by Anna Berger", page.Find("[data-testid=official-pin]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Opening_the_voters_panel_lists_who_voted()
    {
        var ideaId = await SeedIdeaAsync("Read the meter by photo");
        var voter = await SeedUserAsync("Vera Voter", Roles.CustomerId);
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            db.Votes.Add(new Vote { PostId = ideaId, UserId = voter, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
            await db.Posts.Where(p => p.Id == ideaId).ExecuteUpdateAsync(s => s.SetProperty(p => p.VoteCount, 1), Ct);
        }

        SignIn(await SeedUserAsync("Anna Berger", Roles.StaffId, jobTitle: "Customer Care"), Roles.Staff);
        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
        page.WaitForAssertion(() => Assert.Contains("Voters (1)", page.Find("[data-testid=voters-panel]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Vera Voter", page.Markup, StringComparison.Ordinal);

        await page.Find("[data-testid=voters-panel] .mud-expand-panel-header").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Vera Voter", page.Find("[data-testid=voters-list]").TextContent, StringComparison.Ordinal));
    }

    private async Task<long> SeedReplyAsync(int postId, string authorId, string body)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var reply = new Reply { PostId = postId, AuthorId = authorId, Body = body, CreatedAt = DateTime.UtcNow };
        db.Replies.Add(reply);
        await db.SaveChangesAsync(Ct);
        return reply.Id;
    }
}
