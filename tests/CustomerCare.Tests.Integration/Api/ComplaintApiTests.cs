using System.Net;
using System.Text.Json;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Security;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Tests.Integration.Api;

/// <summary>A complaint's whole life through the API: filed, answered, taken over, resolved, confirmed and rated.</summary>
public abstract class ComplaintApiTests(Cast cast)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_complaint_is_filed_answered_resolved_confirmed_and_rated_through_the_api()
    {
        await cast.EnsurePeopleAsync(Ct);
        using var customer = await ApiClient.AsAsync(cast, Persona.Customer);
        using var staff = await ApiClient.AsAsync(cast, Persona.Staff);

        using var filed = await customer.PostAsync("/api/v1/complaints",
            ApiClient.Json("""{"title":"The parcel never arrived","body":"Ordered three weeks ago.","mood":"Disappointed","reference":"A-1234"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var at = filed.Headers.Location!.ToString();
        Assert.StartsWith("/api/v1/complaints/", at, StringComparison.Ordinal);
        var id = at.Split('/')[^1];

        await ExpectAsync(HttpStatusCode.OK, await staff.PostAsync($"/api/v1/complaints/{id}/claim", ApiClient.Json("""{"reason":"Mine now."}"""), Ct));
        await ExpectAsync(HttpStatusCode.Created, await staff.PostAsync($"/api/v1/posts/{id}/replies", ApiClient.Json("""{"body":"We are asking the carrier."}"""), Ct));
        await ExpectAsync(HttpStatusCode.Created, await staff.PostAsync($"/api/v1/complaints/{id}/resolution",
            ApiClient.Json("""{"body":"A new parcel is on its way."}"""), Ct));

        using (var proposed = await GetAsync(customer, $"/api/v1/complaints/{id}"))
        {
            Assert.Equal("A-1234", proposed.RootElement.GetProperty("reference").GetString());
            Assert.Equal(cast.Person(Persona.Staff).DisplayName, proposed.RootElement.GetProperty("owner").GetString());
            Assert.NotEqual(JsonValueKind.Null, proposed.RootElement.GetProperty("pendingProposal").ValueKind);
        }

        await ExpectAsync(HttpStatusCode.NoContent, await customer.PostAsync($"/api/v1/complaints/{id}/confirm", null, Ct));
        await ExpectAsync(HttpStatusCode.NoContent, await customer.PostAsync($"/api/v1/complaints/{id}/rating",
            ApiClient.Json("""{"stars":5,"comment":"Fast and kind."}"""), Ct));

        using var solved = await GetAsync(staff, $"/api/v1/complaints/{id}");
        Assert.Equal(nameof(PostStatus.Solved), solved.RootElement.GetProperty("status").GetString());
        Assert.Equal(nameof(ComplaintOutcome.ConfirmedByCustomer), solved.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(5, solved.RootElement.GetProperty("rating").GetProperty("stars").GetInt32());
        Assert.Equal(2, solved.RootElement.GetProperty("replies").GetArrayLength()); // the answer and the proposal
        using var again = await customer.PostAsync($"/api/v1/complaints/{id}/rating", ApiClient.Json("""{"stars":1}"""), Ct);
        await ExpectProblemAsync(HttpStatusCode.Conflict, again, "rated this complaint already");
    }

    [Fact]
    public async Task Another_customer_gets_404_for_a_complaint_that_is_not_theirs()
    {
        await cast.EnsurePeopleAsync(Ct);
        var complaint = await cast.ComplaintAsync();
        using var other = await ApiClient.AsAsync(cast, Persona.AnotherCustomer);

        foreach (var response in new[]
        {
            await other.GetAsync($"/api/v1/complaints/{complaint}", Ct),
            await other.PostAsync($"/api/v1/complaints/{complaint}/confirm", null, Ct),
            await other.PostAsync($"/api/v1/complaints/{complaint}/not-yet", ApiClient.Json("""{"message":"Me?"}"""), Ct),
        })
        {
            await ExpectProblemAsync(HttpStatusCode.NotFound, response, "No complaint with that id");
        }
    }

    [Fact]
    public async Task A_read_token_gets_403_on_each_complaint_write_and_nothing_is_written()
    {
        await cast.EnsurePeopleAsync(Ct);
        var complaint = await cast.ComplaintAsync();
        using var customer = await ApiClient.AsAsync(cast, Persona.Author, Data.Entities.TokenScope.Read);
        using var staff = await ApiClient.AsAsync(cast, Persona.Staff, Data.Entities.TokenScope.Read);
        var before = await RepliesAsync(complaint);

        foreach (var (client, path, json) in new[]
        {
            (customer, "/api/v1/complaints", """{"title":"A read token files nothing","body":"No.","mood":"Angry"}"""),
            (staff, $"/api/v1/complaints/{complaint}/claim", "{}"),
            (staff, $"/api/v1/complaints/{complaint}/resolution", """{"body":"Refunded."}"""),
            (customer, $"/api/v1/complaints/{complaint}/confirm", "{}"),
            (customer, $"/api/v1/complaints/{complaint}/not-yet", """{"message":"Still waiting."}"""),
            (customer, $"/api/v1/complaints/{complaint}/rating", """{"stars":3}"""),
        })
        {
            await ExpectProblemAsync(HttpStatusCode.Forbidden, await client.PostAsync(path, ApiClient.Json(json), Ct), "needs the write scope");
        }

        Assert.Equal(before, await RepliesAsync(complaint));
        await using var db = await cast.DbAsync();
        Assert.Equal(PostStatus.Open, await db.Posts.Where(p => p.Id == complaint).Select(p => p.Status).SingleAsync(Ct));
        Assert.False(await db.Posts.AnyAsync(p => p.Title == "A read token files nothing", Ct));
    }

    [Theory]
    [InlineData("rating", """{"stars":9}""", "stars", true)]
    [InlineData("rating", """{"comment":"No stars given."}""", "stars", true)]
    [InlineData("not-yet", """{"message":"   "}""", "message", false)]
    [InlineData("resolution", """{"body":""}""", "body", false)]
    [InlineData("claim", """{"reason":7}""", "reason", false)]
    public async Task Bad_input_is_a_400_naming_the_field_and_writes_nothing(string action, string json, string field, bool confirmed)
    {
        await cast.EnsurePeopleAsync(Ct);
        var complaint = await cast.ComplaintAsync();
        if (confirmed)
        {
            Assert.True((await cast.Get<Web.Features.Complaints.ComplaintResolutionService>().ConfirmAsync(complaint, cast.Viewer(Persona.Author), Ct)).Succeeded);
        }

        using var client = await ApiClient.AsAsync(cast, action is "resolution" or "claim" ? Persona.Staff : Persona.Author);
        var before = await RepliesAsync(complaint);

        using var response = await client.PostAsync($"/api/v1/complaints/{complaint}/{action}", ApiClient.Json(json), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
        Assert.Equal(before, await RepliesAsync(complaint));
        await using var db = await cast.DbAsync();
        Assert.Null(await db.Posts.Where(p => p.Id == complaint).Select(p => p.Rating).SingleAsync(Ct));
    }

    [Fact]
    public async Task Staff_who_do_not_own_a_complaint_are_told_to_take_it_over_first()
    {
        await cast.EnsurePeopleAsync(Ct);
        var complaint = await cast.ComplaintAsync();
        using var admin = await ApiClient.AsAsync(cast, Persona.Admin);

        using var refused = await admin.PostAsync($"/api/v1/complaints/{complaint}/resolution", ApiClient.Json("""{"body":"Refunded."}"""), Ct);
        await ExpectProblemAsync(HttpStatusCode.Forbidden, refused, "take it over first");

        await ExpectAsync(HttpStatusCode.OK, await admin.PostAsync($"/api/v1/complaints/{complaint}/claim", null, Ct));
        await ExpectAsync(HttpStatusCode.Created, await admin.PostAsync($"/api/v1/complaints/{complaint}/resolution", ApiClient.Json("""{"body":"Refunded."}"""), Ct));
    }

    private async Task<int> RepliesAsync(int complaint)
    {
        await using var db = await cast.DbAsync();
        return await db.Replies.CountAsync(r => r.PostId == complaint, Ct);
    }

    private static async Task<JsonDocument> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task ExpectAsync(HttpStatusCode status, HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(status == response.StatusCode, $"{status} expected, got {response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }

    private static async Task ExpectProblemAsync(HttpStatusCode status, HttpResponseMessage response, string says)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(says, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }
}

public sealed class SqliteComplaintApiTests(SqliteCast cast) : ComplaintApiTests(cast), IClassFixture<SqliteCast>;

public sealed class PostgresComplaintApiTests(PostgresCast cast) : ComplaintApiTests(cast), IClassFixture<PostgresCast>;
