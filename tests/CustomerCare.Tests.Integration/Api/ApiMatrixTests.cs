using System.Net;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Security;
using CustomerCare.Web.Features.Api;
using CustomerCare.Web.Features.Complaints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Api;

/// <summary>
/// The authorization matrix of the REST API, in the columns of the pages' (<see cref="PageMatrixTests"/>): each endpoint
/// × visitor, customer, another customer, author, staff, product owner and admin, each with a write-scope token of
/// their own. An endpoint under /api/v1 without a row fails <see cref="Every_api_endpoint_has_a_row"/>.
/// </summary>
public abstract class ApiMatrixTests(Cast cast)
{
    private static readonly Dictionary<string, Func<Persona, HttpStatusCode>> Rows = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/ideas"] = Everyone(HttpStatusCode.OK),
        ["GET /api/v1/ideas/{id:int}"] = Everyone(HttpStatusCode.OK),
        ["POST /api/v1/ideas"] = SignedIn(HttpStatusCode.Created),
        // The author within their edit window, and the team; another customer may not.
        ["PUT /api/v1/ideas/{id:int}"] = p => p switch
        {
            Persona.Visitor => HttpStatusCode.Unauthorized,
            Persona.Customer or Persona.AnotherCustomer => HttpStatusCode.Forbidden,
            _ => HttpStatusCode.OK,
        },
        ["POST /api/v1/ideas/{id:int}/vote"] = SignedIn(HttpStatusCode.OK),
        ["GET /api/v1/ideas/{id:int}/voters"] = WorksHere(HttpStatusCode.OK),
        // A private complaint's thread: its author and the team; to anyone else it does not exist.
        ["GET /api/v1/posts/{id:int}/replies"] = p => p switch
        {
            Persona.Visitor or Persona.Customer or Persona.AnotherCustomer => HttpStatusCode.NotFound,
            _ => HttpStatusCode.OK,
        },
        ["POST /api/v1/posts/{id:int}/replies"] = SignedIn(HttpStatusCode.Created),
        ["GET /api/v1/categories"] = Everyone(HttpStatusCode.OK),
        ["GET /api/v1/antiforgery"] = Everyone(HttpStatusCode.OK),
        // Customers list their own, people who work here all (the service's rule); the visitor, public ones.
        ["GET /api/v1/complaints"] = Everyone(HttpStatusCode.OK),
        ["POST /api/v1/complaints"] = SignedIn(HttpStatusCode.Created),
        // One complaint: as its thread, its customer and the team; to anyone else it does not exist.
        ["GET /api/v1/complaints/{id:int}"] = p => p switch
        {
            Persona.Visitor or Persona.Customer or Persona.AnotherCustomer => HttpStatusCode.NotFound,
            _ => HttpStatusCode.OK,
        },
        // Everyone who works here takes over (the owner's own claim changes nothing); customers never.
        ["POST /api/v1/complaints/{id:int}/claim"] = WorksHere(HttpStatusCode.OK),
        // Only the owner (Staff, in the cast) proposes; the customer is refused, others do not see it.
        ["POST /api/v1/complaints/{id:int}/resolution"] = p => p switch
        {
            Persona.Visitor => HttpStatusCode.Unauthorized,
            Persona.Customer or Persona.AnotherCustomer => HttpStatusCode.NotFound,
            Persona.Staff => HttpStatusCode.Created,
            _ => HttpStatusCode.Forbidden,
        },
        ["POST /api/v1/complaints/{id:int}/confirm"] = TheCustomer(HttpStatusCode.NoContent),
        ["POST /api/v1/complaints/{id:int}/not-yet"] = TheCustomer(HttpStatusCode.Created),
        // Rated after the customer confirmed (SendAsync confirms first).
        ["POST /api/v1/complaints/{id:int}/rating"] = TheCustomer(HttpStatusCode.NoContent),
        ["POST /api/v1/ideas/{id:int}/status"] = p => p switch
        {
            Persona.Visitor => HttpStatusCode.Unauthorized,
            Persona.ProductOwner or Persona.Admin => HttpStatusCode.NoContent,
            _ => HttpStatusCode.Forbidden,
        },
        ["GET /api/v1/users"] = p => p switch
        {
            Persona.Visitor => HttpStatusCode.Unauthorized,
            Persona.Admin => HttpStatusCode.OK,
            _ => HttpStatusCode.Forbidden,
        },
    };

    public static TheoryData<string, Persona> Cells
    {
        get
        {
            var cells = new TheoryData<string, Persona>();
            foreach (var row in Rows.Keys.Order(StringComparer.Ordinal))
            {
                foreach (var persona in Cast.Everyone)
                {
                    cells.Add(row, persona);
                }
            }

            return cells;
        }
    }

    public static TheoryData<string> Writes => [.. Rows.Keys.Where(r => !r.StartsWith("GET ", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_endpoint_answers_each_person_as_the_matrix_says(string row, Persona persona)
    {
        await cast.EnsurePeopleAsync(TestContext.Current.CancellationToken);
        // Only an admin may hold an admin-scope token (the users list needs one); everyone else writes with write scope.
        using var client = await ApiClient.AsAsync(cast, persona, persona == Persona.Admin ? TokenScope.Admin : TokenScope.Write);

        using var response = await SendAsync(client, row);

        Assert.Equal(Rows[row](persona), response.StatusCode);
        if ((int)response.StatusCode >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_read_token_changes_nothing_and_is_told_the_scope_it_lacks(string row)
    {
        await cast.EnsurePeopleAsync(TestContext.Current.CancellationToken);
        using var client = await ApiClient.AsAsync(cast, Persona.Staff, TokenScope.Read);

        using var response = await SendAsync(client, row);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("needs the write scope", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admins_write_token_does_not_open_the_admin_endpoints()
    {
        await cast.EnsurePeopleAsync(TestContext.Current.CancellationToken);
        using var client = await ApiClient.AsAsync(cast, Persona.Admin, TokenScope.Write);

        using var response = await client.GetAsync("/api/v1/users", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("needs the admin scope", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_api_endpoint_has_a_row()
    {
        var endpoints = ApiRoutes(cast);

        Assert.Contains("GET /api/v1/ideas", endpoints);
        var missing = endpoints.Where(e => !Rows.ContainsKey(e)).ToList();
        Assert.Empty(missing);
    }

    /// <summary>Every endpoint under /api/v1 as "METHOD /route".</summary>
    internal static List<string> ApiRoutes(Cast cast) =>
        [.. cast.Portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith(ApiPaths.Root + "/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} /{e.RoutePattern.RawText!.Trim('/')}"))
            .Distinct(StringComparer.Ordinal)];

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string row)
    {
        var ct = TestContext.Current.CancellationToken;
        var idea = await cast.IdeaAsync();
        var complaint = await cast.ComplaintAsync();
        await cast.ReplyAsync(complaint, Persona.Author);
        switch (row)
        {
            case "PUT /api/v1/ideas/{id:int}":
                using (var current = await client.GetAsync($"/api/v1/ideas/{idea}", ct))
                {
                    using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/ideas/{idea}")
                    {
                        Content = ApiClient.Json("""{"title":"A clearer title for this idea","body":"Said more clearly now.","categoryId":null}"""),
                    };
                    put.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag?.ToString() ?? "\"none\"");
                    return await client.SendAsync(put, ct);
                }

            case "POST /api/v1/ideas":
                return await client.PostAsync("/api/v1/ideas", ApiClient.Json("""{"title":"Export my invoices as PDF","body":"Monthly, please."}"""), ct);
            case "POST /api/v1/complaints":
                return await client.PostAsync("/api/v1/complaints", ApiClient.Json("""{"title":"Charged twice this month","body":"Please refund one.","mood":"Angry"}"""), ct);
            case "POST /api/v1/ideas/{id:int}/status":
                return await client.PostAsync($"/api/v1/ideas/{idea}/status", ApiClient.Json("""{"status":"UnderReview","note":"We are looking at it."}"""), ct);
            case "POST /api/v1/complaints/{id:int}/resolution":
                return await client.PostAsync($"/api/v1/complaints/{complaint}/resolution", ApiClient.Json("""{"body":"We refunded the second charge."}"""), ct);
            case "POST /api/v1/complaints/{id:int}/not-yet":
                return await client.PostAsync($"/api/v1/complaints/{complaint}/not-yet", ApiClient.Json("""{"message":"The refund has not arrived."}"""), ct);
            case "POST /api/v1/complaints/{id:int}/rating":
                var confirmed = await cast.Get<ComplaintResolutionService>().ConfirmAsync(complaint, cast.Viewer(Persona.Author), ct);
                Assert.True(confirmed.Succeeded);
                return await client.PostAsync($"/api/v1/complaints/{complaint}/rating", ApiClient.Json("""{"stars":4,"comment":"Quick."}"""), ct);
            case "POST /api/v1/posts/{id:int}/replies":
                return await client.PostAsync($"/api/v1/posts/{idea}/replies", ApiClient.Json("""{"body":"Me too."}"""), ct);
        }

        var (method, route) = (row[..row.IndexOf(' ', StringComparison.Ordinal)], row[(row.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var id = route.StartsWith("/api/v1/posts/", StringComparison.Ordinal) || route.StartsWith("/api/v1/complaints/", StringComparison.Ordinal)
            ? complaint : idea;
        using var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{id:int}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        return await client.SendAsync(request, ct);
    }

    private static Func<Persona, HttpStatusCode> Everyone(HttpStatusCode status) => _ => status;

    private static Func<Persona, HttpStatusCode> SignedIn(HttpStatusCode status) => p => p == Persona.Visitor ? HttpStatusCode.Unauthorized : status;

    // The complaint's customer (the Author, in the cast); the team is refused; other customers do not see it.
    private static Func<Persona, HttpStatusCode> TheCustomer(HttpStatusCode status) => p => p switch
    {
        Persona.Visitor => HttpStatusCode.Unauthorized,
        Persona.Customer or Persona.AnotherCustomer => HttpStatusCode.NotFound,
        Persona.Author => status,
        _ => HttpStatusCode.Forbidden,
    };

    private static Func<Persona, HttpStatusCode> WorksHere(HttpStatusCode status) => p => p switch
    {
        Persona.Visitor => HttpStatusCode.Unauthorized,
        Persona.Staff or Persona.ProductOwner or Persona.Admin => status,
        _ => HttpStatusCode.Forbidden,
    };
}

public sealed class SqliteApiMatrixTests(SqliteCast cast) : ApiMatrixTests(cast), IClassFixture<SqliteCast>;

public sealed class PostgresApiMatrixTests(PostgresCast cast) : ApiMatrixTests(cast), IClassFixture<PostgresCast>;
