using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Roadmap;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Complaints;

/// <summary>The link on both pages: the customer's complaint shows its idea; the idea shows its complaints to staff only.</summary>
public sealed class ComplaintIdeaLinkPageTests : ComponentTestContext
{
    public ComplaintIdeaLinkPageTests()
    {
        // Registered before UseDatabase: it resolves the database, after which bUnit takes no more services.
        Services.AddSingleton<StatusDecisionService>();
        UseDatabase();
    }

    [Fact]
    public async Task The_customer_follows_their_complaint_to_the_idea_it_led_to()
    {
        var (customerId, _, complaintId, ideaId) = await SeedLinkAsync();
        SignIn(customerId, Roles.Customer);

        var page = Render<PostPage>(p => p.Add(x => x.Id, complaintId));

        page.WaitForAssertion(() => Assert.Equal("Your complaint led to this idea", page.Find("[data-testid=idea-link-heading]").TextContent.Trim()));
        Assert.Equal($"/posts/{ideaId}", page.Find("[data-testid=idea-link-title]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=idea-link-actions]"));
    }

    [Fact]
    public async Task Staff_unlink_from_the_complaint_page_and_the_card_says_so()
    {
        var (_, staffId, complaintId, _) = await SeedLinkAsync();
        SignIn(staffId, Roles.Staff);
        var page = Render<PostPage>(p => p.Add(x => x.Id, complaintId));
        page.WaitForAssertion(() => Assert.Equal("Linked to idea", page.Find("[data-testid=idea-link-heading]").TextContent.Trim()));

        await page.Find("button[data-testid=idea-link-unlink]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Not linked to an idea yet.", page.Find("[data-testid=complaint-idea-link]").TextContent, StringComparison.Ordinal));
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        Assert.Null(await db.Posts.Where(p => p.Id == complaintId).Select(p => p.LinkedIdeaId).SingleAsync(Ct));
    }

    [Fact]
    public async Task Staff_see_which_complaints_led_to_an_idea_and_customers_do_not_even_see_the_titles()
    {
        var (customerId, staffId, _, ideaId) = await SeedLinkAsync();
        SignIn(staffId, Roles.Staff);
        var staffPage = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
        staffPage.WaitForAssertion(() =>
            Assert.Equal("1 complaint led to this idea", staffPage.Find("[data-testid=idea-complaints-count]").TextContent.Trim()));
        Assert.Contains("Charged twice for March", staffPage.Find("[data-testid=idea-complaint]").TextContent, StringComparison.Ordinal);

        foreach (var role in new[] { Roles.Customer, null })
        {
            if (role is null)
            {
                Auth.SetNotAuthorized();
            }
            else
            {
                SignIn(customerId, role);
            }

            var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
            page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=vote-button]")));
            Assert.Empty(page.FindAll("[data-testid=idea-complaints]"));
            Assert.DoesNotContain("Charged twice", page.Markup, StringComparison.Ordinal);
        }
    }

    private async Task<(string Customer, string Staff, int Complaint, int Idea)> SeedLinkAsync()
    {
        var customerId = await SeedUserAsync("Greta Hansen", Roles.CustomerId);
        var staffId = await SeedUserAsync("Jonas Weber", Roles.StaffId);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var now = DateTime.UtcNow;
        var idea = new Post { Kind = PostKind.Idea, Title = "Refund double charges automatically", Body = "Same day.", AuthorId = staffId, CreatedAt = now, UpdatedAt = now };
        db.Posts.Add(idea);
        await db.SaveChangesAsync(Ct);
        var complaint = new Post
        {
            Kind = PostKind.Complaint, Title = "Charged twice for March", Body = "Contract 4711.", AuthorId = customerId, CreatedAt = now, UpdatedAt = now,
            IsPublic = false, Mood = ComplaintMood.Angry, LinkedIdeaId = idea.Id, LinkedIdeaById = staffId, LinkedIdeaAt = now,
        };
        db.Posts.Add(complaint);
        await db.SaveChangesAsync(Ct);
        return (customerId, staffId, complaint.Id, idea.Id);
    }
}
