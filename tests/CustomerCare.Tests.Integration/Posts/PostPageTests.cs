using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Posts;

public sealed class PostPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_notes_are_rendered_as_markdown_not_shown_raw()
    {
        var id = await PostIdAsync(db => db.StatusChanges.Where(s => s.Note != null && s.Note.Contains("**")).Select(s => s.PostId));
        using var client = portal.CreateClient();

        var html = await client.GetStringAsync(new Uri($"/posts/{id}", UriKind.Relative), Ct);

        var history = html[html.IndexOf("data-testid=\"status-history\"", StringComparison.Ordinal)..];
        Assert.Contains("<strong>", history, StringComparison.Ordinal);
        Assert.DoesNotContain("**", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitor_of_a_private_complaint_learns_nothing_about_it()
    {
        var complaint = await PostIdAsync(db => db.Posts.Where(p => p.Kind == PostKind.Complaint && !p.IsPublic).Select(p => p.Id));
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

    private async Task<int> PostIdAsync(Func<CareDb, IQueryable<int>> query)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        return await query(db).FirstAsync(Ct);
    }
}
