using System.Net;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Posts;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Posts;

/// <summary>
/// The pieces the visitors' module asks for (<see cref="PostFragments"/>): public cards and a public post's content,
/// rendered as a visitor sees them; a private, removed or unknown post answers exactly like a missing one, and bad input
/// gets a clear message. Visitors' pages themselves carry no circuit, no cookie and no inline script. SQLite and PostgreSQL.
/// </summary>
public abstract class PostFragmentTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cards_come_in_the_order_asked_without_the_ones_a_visitor_may_not_see()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var first = await portal.ProposeIdeaAsync(author, TestPeople.UniqueTitle("First card"), ct: Ct);
        var second = await portal.ProposeIdeaAsync(author, TestPeople.UniqueTitle("Second card"), ct: Ct);
        var complaint = await portal.FileComplaintAsync(author, ct: Ct);
        using var client = portal.CreateClient();

        var html = await client.GetStringAsync(new Uri($"/fragments/cards?ids={second},{complaint},{first}", UriKind.Relative), Ct);

        Assert.True(html.IndexOf($"data-post-id=\"{second}\"", StringComparison.Ordinal) < html.IndexOf($"data-post-id=\"{first}\"", StringComparison.Ordinal));
        Assert.DoesNotContain($"data-post-id=\"{complaint}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cc-appbar", html, StringComparison.Ordinal);
        Assert.Contains("data-vote-link", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_removed_or_unknown_post_answers_as_missing_even_to_its_author()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        var complaint = await portal.FileComplaintAsync(author, ct: Ct);
        var removed = await portal.ProposeIdeaAsync(author, ct: Ct);
        Assert.True((await portal.Services.GetRequiredService<ModerationService>().RemoveAsync(removed, "Spam", admin.Viewer, Ct)).Succeeded);
        using var client = portal.CreateClient();

        foreach (var address in new[]
        {
            $"/fragments/cards?ids={complaint}", $"/fragments/posts/{complaint}", $"/fragments/cards?ids={removed}",
            $"/fragments/posts/{removed}", "/fragments/cards?ids=999999", "/fragments/posts/999999",
        })
        {
            using var response = await client.GetAsync(new Uri(address, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_public_posts_content_comes_without_the_layout()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var title = TestPeople.UniqueTitle("Piece of a page");
        var idea = await portal.ProposeIdeaAsync(author, title, ct: Ct);
        using var client = portal.CreateClient();

        var html = await client.GetStringAsync(new Uri($"/fragments/posts/{idea}", UriKind.Relative), Ct);

        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains($"data-live-post=\"{idea}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cc-appbar", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1,-2")]
    [InlineData("1;2")]
    public async Task Odd_ids_get_a_clear_message(string ids)
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(new Uri($"/fragments/cards?ids={Uri.EscapeDataString(ids)}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("post numbers separated by commas", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_ids_get_a_clear_message()
    {
        using var client = portal.CreateClient();
        var ids = string.Join(',', Enumerable.Range(1, PostFragments.MaxCards + 1));

        using var response = await client.GetAsync(new Uri($"/fragments/cards?ids={ids}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_visitors_page_has_no_circuit_no_cookie_and_no_inline_script()
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("<!--Blazor:{", html, StringComparison.Ordinal);
        Assert.DoesNotContain("nonce=", html, StringComparison.Ordinal);
        Assert.Contains("js/visitor-live.", html, StringComparison.Ordinal);
        Assert.Contains("data-interactive=\"false\"", html, StringComparison.Ordinal);
    }
}

public sealed class SqlitePostFragmentTests(EmptyPortalFactory portal) : PostFragmentTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresPostFragmentTests(PostgresPortalFactory portal) : PostFragmentTests(portal), IClassFixture<PostgresPortalFactory>;
