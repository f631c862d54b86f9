using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Roadmap;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Posts;

public sealed class PostPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly TestContent content = new(portal);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_notes_are_rendered_as_markdown_not_shown_raw()
    {
        var id = await AnIdeaPlannedWithAMarkdownNoteAsync();
        using var client = portal.CreateClient();

        var html = await client.GetStringAsync(new Uri($"/posts/{id}", UriKind.Relative), Ct);

        var history = html[html.IndexOf("data-testid=\"status-history\"", StringComparison.Ordinal)..];
        Assert.Contains("<strong>", history, StringComparison.Ordinal);
        Assert.DoesNotContain("**", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitor_of_a_private_complaint_learns_nothing_about_it()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var complaint = await content.AddPostAsync(PostKind.Complaint, customer.UserId!, Ct, isPublic: false);
        string title;
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct))
        {
            title = await db.Posts.Where(p => p.Id == complaint).Select(p => p.Title).SingleAsync(Ct);
        }

        using var client = portal.CreateClient();
        var html = await client.GetStringAsync(new Uri($"/posts/{complaint}", UriKind.Relative), Ct);

        Assert.Contains("This post does not exist, or it is private.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(title), html, StringComparison.Ordinal);
    }

    // Decided through the product owners' own service, with a note in markdown.
    private async Task<int> AnIdeaPlannedWithAMarkdownNoteAsync()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);
        var id = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        var decided = await portal.Services.GetRequiredService<StatusDecisionService>()
            .ChangeStatusAsync(id, PostStatus.Planned, "Planned for **spring**.", null, owner, Ct);
        Assert.True(decided.Changed, decided.Outcome.ToString());
        return id;
    }
}
