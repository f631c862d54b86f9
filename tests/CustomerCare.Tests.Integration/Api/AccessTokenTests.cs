using System.Net;
using System.Net.Http.Headers;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Security;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Api;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Tests.Integration.Api;

/// <summary>A personal access token's life: made and shown once, kept as a hash, used, expired, revoked, its person gone.</summary>
public abstract class AccessTokenTests(Cast cast)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AccessTokenService Tokens => cast.Get<AccessTokenService>();

    [Fact]
    public async Task A_new_token_is_shown_once_and_only_its_hash_is_stored()
    {
        await cast.EnsurePeopleAsync(Ct);
        var made = await Tokens.CreateAsync("CI export", TokenScope.Read, DateTime.UtcNow.AddDays(90), cast.Viewer(Persona.Customer), Ct);

        Assert.StartsWith(AccessTokenService.SecretPrefix, made.Secret, StringComparison.Ordinal);
        await using var db = await cast.DbAsync();
        var row = await db.PersonalAccessTokens.SingleAsync(t => t.Id == made.Token!.Id, Ct);
        Assert.Equal(AccessTokenService.HashOf(made.Secret!), row.Hash);
        Assert.DoesNotContain(made.Secret!, row.Hash + row.Prefix + row.Name, StringComparison.Ordinal);
        var listed = Assert.Single(await Tokens.ListAsync(cast.Viewer(Persona.Customer), Ct), t => t.Id == made.Token!.Id);
        Assert.Equal(row.Prefix, listed.Prefix);
    }

    [Fact]
    public async Task An_expiry_beyond_a_year_an_empty_name_or_an_admin_scope_for_a_customer_is_refused()
    {
        await cast.EnsurePeopleAsync(Ct);
        var customer = cast.Viewer(Persona.Customer);

        var made = await Tokens.CreateAsync(" ", TokenScope.Admin, DateTime.UtcNow.AddDays(400), customer, Ct);

        Assert.Null(made.Secret);
        Assert.Equal(["ExpiresAt", "Name", "Scope"], made.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_token_opens_the_api_as_its_person_and_notes_when_it_was_last_used()
    {
        await cast.EnsurePeopleAsync(Ct);
        var secret = await ApiClient.TokenAsync(cast, Persona.Author, TokenScope.Write);
        using var client = Client(secret);

        using var created = await client.PostAsync("/api/v1/ideas", ApiClient.Json("""{"title":"Tokens propose ideas too","body":"As their person."}"""), Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await using var db = await cast.DbAsync();
        var id = int.Parse(created.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(cast.Person(Persona.Author).Id, await db.Posts.Where(p => p.Id == id).Select(p => p.AuthorId).SingleAsync(Ct));
        var hash = AccessTokenService.HashOf(secret);
        Assert.NotNull(await db.PersonalAccessTokens.Where(t => t.Hash == hash).Select(t => t.LastUsedAt).SingleAsync(Ct));
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("revoked")]
    public async Task An_expired_or_revoked_token_gets_401_saying_which(string what)
    {
        await cast.EnsurePeopleAsync(Ct);
        var secret = await ApiClient.TokenAsync(cast, Persona.Customer, TokenScope.Read);
        var hash = AccessTokenService.HashOf(secret);
        await using (var db = await cast.DbAsync())
        {
            var token = await db.PersonalAccessTokens.SingleAsync(t => t.Hash == hash, Ct);
            if (what == "expired")
            {
                await db.PersonalAccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)), Ct);
            }
            else
            {
                Assert.True(await Tokens.RevokeAsync(token.Id, cast.Viewer(Persona.Customer), Ct));
            }
        }

        using var client = Client(secret);
        using var response = await client.GetAsync("/api/v1/ideas", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"token {(what == "expired" ? "has expired" : "was revoked")}", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_personal_data_download_lists_the_tokens_without_their_secrets()
    {
        await cast.EnsurePeopleAsync(Ct);
        var made = await Tokens.CreateAsync("Export script", TokenScope.Read, DateTime.UtcNow.AddDays(5), cast.Viewer(Persona.AnotherCustomer), Ct);

        var archive = await cast.Get<Web.Features.PersonalData.PersonalDataExport>().CollectAsync(cast.Viewer(Persona.AnotherCustomer), ct: Ct);

        var token = Assert.Single(archive!.AccessTokens, t => t.Name == "Export script");
        Assert.Equal(made.Token!.Prefix, token.Prefix);
        Assert.DoesNotContain(made.Secret!, System.Text.Json.JsonSerializer.Serialize(archive), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_revokes_another_persons_token()
    {
        await cast.EnsurePeopleAsync(Ct);
        var made = await Tokens.CreateAsync("mine", TokenScope.Read, DateTime.UtcNow.AddDays(1), cast.Viewer(Persona.Customer), Ct);

        Assert.False(await Tokens.RevokeAsync(made.Token!.Id, cast.Viewer(Persona.Admin), Ct));
    }

    [Fact]
    public async Task An_unknown_token_gets_401_and_never_the_sign_in_page()
    {
        using var client = Client(AccessTokenService.SecretPrefix + "made-up");

        using var response = await client.GetAsync("/api/v1/categories", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not known", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cookie_caller_changes_nothing_without_the_antiforgery_token()
    {
        await cast.EnsurePeopleAsync(Ct);
        using var browser = new Accounts.PortalBrowser(cast.Portal);
        await browser.SignInAsync(cast.Person(Persona.Customer).Email, cast.Person(Persona.Customer).Password);

        using var response = await browser.PostJsonAsync("/api/v1/ideas", """{"title":"Cross-site idea by cookie","body":"Should not land."}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = await cast.DbAsync();
        Assert.False(await db.Posts.AnyAsync(p => p.Title == "Cross-site idea by cookie", Ct));
    }

    [Fact]
    public async Task A_locked_out_accounts_token_gets_401_saying_the_account_is_closed()
    {
        var person = await cast.Portal.AddPersonAsync(Roles.Customer, "Lena Locked", ct: Ct);
        var made = await Tokens.CreateAsync("script", TokenScope.Read, DateTime.UtcNow.AddDays(5), person.Viewer, Ct);
        using var client = Client(made.Secret!);
        using (var open = await client.GetAsync("/api/v1/complaints", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        await using (var db = await cast.DbAsync())
        {
            await db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddDays(1)), Ct);
        }

        using var response = await client.GetAsync("/api/v1/complaints", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("account is deleted or locked out", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cookie_caller_with_the_antiforgery_token_makes_the_change()
    {
        await cast.EnsurePeopleAsync(Ct);
        using var browser = new Accounts.PortalBrowser(cast.Portal);
        await browser.SignInAsync(cast.Person(Persona.Customer).Email, cast.Person(Persona.Customer).Password);
        using var antiforgery = System.Text.Json.JsonDocument.Parse(await browser.GetTextAsync("/api/v1/antiforgery"));
        var header = antiforgery.RootElement.GetProperty("header").GetString()!;
        var token = antiforgery.RootElement.GetProperty("token").GetString()!;

        using var response = await browser.PostJsonAsync(
            "/api/v1/ideas", """{"title":"Same-site idea by cookie","body":"From the portal's own page."}""", new Dictionary<string, string> { [header] = token });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = await cast.DbAsync();
        Assert.Equal(cast.Person(Persona.Customer).Id, await db.Posts.Where(p => p.Title == "Same-site idea by cookie").Select(p => p.AuthorId).SingleAsync(Ct));
    }

    private HttpClient Client(string secret)
    {
        var client = cast.Portal.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}

public sealed class SqliteAccessTokenTests(SqliteCast cast) : AccessTokenTests(cast), IClassFixture<SqliteCast>;
