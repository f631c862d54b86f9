using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Integration.Security;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Api;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Tests.Integration.Api;

/// <summary>The account page's token section over real HTTP, and a token following its person's roles as they change.</summary>
public abstract partial class AccessTokenPageTests(Cast cast)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_page_shows_a_new_token_once_lists_it_by_prefix_and_revokes_it()
    {
        var person = await cast.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        using var browser = new PortalBrowser(cast.Portal);
        await browser.SignInAsync(person.Email, person.Password);

        var made = await browser.SubmitAsync("/account/tokens", "create-token",
            new Dictionary<string, string> { ["Input.Name"] = "Page token", ["Input.Scope"] = "Read", ["Input.Days"] = "30" });

        Assert.Equal(HttpStatusCode.OK, made.Status);
        var secret = SecretRegex().Match(made.Text).Value;
        Assert.NotEmpty(secret);
        var again = await browser.GetTextAsync("/account/tokens");
        Assert.Contains("Page token", again, StringComparison.Ordinal);
        Assert.Contains(secret[..PersonalAccessToken.PrefixLength], again, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, again, StringComparison.Ordinal);
        using var client = cast.Portal.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using (var works = await client.GetAsync("/api/v1/ideas", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, works.StatusCode);
        }

        long id;
        await using (var db = await cast.DbAsync())
        {
            id = await db.PersonalAccessTokens.Where(t => t.UserId == person.Id).Select(t => t.Id).SingleAsync(Ct);
        }

        await browser.SubmitAsync("/account/tokens", "revoke-token", new Dictionary<string, string> { ["RevokeId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        using var refused = await client.GetAsync("/api/v1/ideas", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_token_has_its_persons_roles_as_stored_now()
    {
        await cast.EnsurePeopleAsync(Ct);
        var staff = await cast.Portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var idea = await cast.IdeaAsync();
        var made = await cast.Get<AccessTokenService>().CreateAsync("desk", TokenScope.Read, DateTime.UtcNow.AddDays(1), staff.Viewer, Ct);
        using var client = cast.Portal.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", made.Secret);
        using (var before = await client.GetAsync($"/api/v1/ideas/{idea}/voters", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var db = await cast.DbAsync())
        {
            await db.UserRoles.Where(r => r.UserId == staff.Id).ExecuteDeleteAsync(Ct);
        }

        using var after = await client.GetAsync($"/api/v1/ideas/{idea}/voters", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
    }

    [GeneratedRegex("ccpat_[A-Za-z0-9_-]{43}")]
    private static partial Regex SecretRegex();
}

public sealed class SqliteAccessTokenPageTests(SqliteCast cast) : AccessTokenPageTests(cast), IClassFixture<SqliteCast>;
