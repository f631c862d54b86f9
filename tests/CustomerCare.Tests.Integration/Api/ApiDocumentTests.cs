using System.Net;
using System.Text.Json;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Security;
using CustomerCare.Web.Features.Api;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Tests.Integration.Api;

/// <summary>The OpenAPI document, its reference page, and the API's answers to bad input and stale copies.</summary>
public abstract class ApiDocumentTests(Cast cast)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_api_endpoint_is_in_the_openapi_document_with_the_bearer_scheme()
    {
        await cast.EnsurePeopleAsync(Ct);
        using var client = cast.Portal.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(ApiEndpoints.DocumentPath, Ct));
        var paths = document.RootElement.GetProperty("paths");
        var documented = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet(StringComparer.Ordinal);

        var missing = ApiMatrixTests.ApiRoutes(cast).Select(r => r.Replace("{id:int}", "{id}", StringComparison.Ordinal))
            .Where(r => !documented.Contains(r)).ToList();

        Assert.Empty(missing);
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task The_reference_page_and_its_script_come_from_the_portal_itself()
    {
        using var client = cast.Portal.CreateClient();

        using var page = await client.GetAsync(ApiEndpoints.DocsPath, Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("cdn.jsdelivr", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("script-src 'self' 'unsafe-inline'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var script = await client.GetAsync($"{ApiEndpoints.DocsPath}/scalar.js", Ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);

        // The portal's own pages keep the strict policy.
        using var board = await client.GetAsync("/ideas", Ct);
        Assert.DoesNotContain("'unsafe-inline'", board.Headers.GetValues("Content-Security-Policy").Single().Split("style-src")[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"title": "Broken""", "title")]
    [InlineData("""{"title": 42, "body": "x"}""", "title")]
    [InlineData("""{"title": "A fine title here", "body": "x", "color": "red"}""", "color")]
    public async Task Malformed_json_is_a_400_naming_the_field_and_writes_nothing(string json, string field)
    {
        await cast.EnsurePeopleAsync(Ct);
        using var client = await ApiClient.AsAsync(cast, Persona.Customer);
        var before = await IdeaCountAsync();

        using var response = await client.PostAsync("/api/v1/ideas", ApiClient.Json(json), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
        Assert.Equal(before, await IdeaCountAsync());
    }

    [Fact]
    public async Task An_over_long_title_is_a_400_naming_the_title_and_writes_nothing()
    {
        await cast.EnsurePeopleAsync(Ct);
        using var client = await ApiClient.AsAsync(cast, Persona.Customer);
        var before = await IdeaCountAsync();

        using var response = await client.PostAsync("/api/v1/ideas", ApiClient.Json($$"""{"title":"{{new string('a', 5000)}}","body":"x"}"""), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("title", out _));
        Assert.Equal(before, await IdeaCountAsync());
    }

    [Fact]
    public async Task An_unchanged_idea_answers_304_and_an_edit_from_a_stale_copy_412()
    {
        await cast.EnsurePeopleAsync(Ct);
        var idea = await cast.IdeaAsync();
        using var client = await ApiClient.AsAsync(cast, Persona.Author);
        using var first = await client.GetAsync($"/api/v1/ideas/{idea}", Ct);
        var etag = first.Headers.ETag!.ToString();

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/ideas/{idea}");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var notModified = await client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/ideas/{idea}")
        {
            Content = ApiClient.Json("""{"title":"Stale edit of this idea","body":"Never saved."}"""),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"0000\"");
        using var refused = await client.SendAsync(stale, Ct);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        await using var db = await cast.DbAsync();
        Assert.NotEqual("Stale edit of this idea", await db.Posts.Where(p => p.Id == idea).Select(p => p.Title).SingleAsync(Ct));
    }

    private async Task<int> IdeaCountAsync()
    {
        await using var db = await cast.DbAsync();
        return await db.Posts.CountAsync(p => p.Kind == PostKind.Idea, Ct);
    }
}

public sealed class SqliteApiDocumentTests(SqliteCast cast) : ApiDocumentTests(cast), IClassFixture<SqliteCast>;
