using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Complaints;

/// <summary>A complaint the retention job anonymized, as the team reads it: its fixed marker and placeholder in their language.</summary>
public sealed class AnonymizedComplaintPageTests : ComponentTestContext
{
    public AnonymizedComplaintPageTests()
    {
        // Registered before UseDatabase: it resolves the database, after which bUnit takes no more services.
        Services.AddSingleton<PostService>();
        UseDatabase();
    }

    [Fact]
    public async Task Its_title_customer_and_the_customers_status_change_read_in_german_for_a_german_reader()
    {
        var former = await SeedUserAsync(CareUser.FormerCustomerName, Roles.CustomerId);
        var anna = await SeedUserAsync("Anna Berger", Roles.StaffId, jobTitle: "Kundenservice");
        var id = await SeedComplaintAsync(former, Post.AnonymizedTitle, ownerId: anna);
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            var at = DateTime.UtcNow;
            await db.Posts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, PostStatus.Solved).SetProperty(p => p.Body, "").SetProperty(p => p.AnonymizedAt, at), Ct);
            db.StatusChanges.Add(new StatusChange { PostId = id, From = PostStatus.InProgress, To = PostStatus.Solved, ChangedById = former, ChangedAt = at });
            await db.SaveChangesAsync(Ct);
        }

        SignIn(anna, Roles.Staff);
        UseCulture("de");
        var page = Render<PostPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Equal("Anonymisierte Reklamation", page.Find("h1").TextContent.Trim()));
        Assert.Contains("Anonymisierte Reklamation", page.Find(".mud-breadcrumbs").TextContent, StringComparison.Ordinal);
        Assert.Contains("Ehemaliger Kunde", page.Find("[data-testid=author]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Ehemaliger Kunde", page.Find("[data-testid=status-history]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Post.AnonymizedTitle, page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(CareUser.FormerCustomerName, page.Markup, StringComparison.Ordinal);
    }
}
