using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Accounts;

/// <summary>
/// A cookie-keeping client that fills in the statically rendered account forms the way a browser does:
/// GET the page, take its antiforgery token, POST the fields with <c>_handler</c> = the form name.
/// Redirects are not followed, so tests can see where a submit leads.
/// </summary>
internal sealed partial class PortalBrowser : IDisposable
{
    public const string GoodPassword = "Sunflower42";

    private readonly HttpClient client;

    /// <summary>The browser's cookies (sign-in, antiforgery), for other connections of the same person.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <param name="clientAddress">The address the portal sees, told as a loopback proxy would (X-Forwarded-For).</param>
    public PortalBrowser(PortalFactory portal, string? language = null, string? host = null, string? clientAddress = null)
    {
        ArgumentNullException.ThrowIfNull(portal);

        // No redirect handler (tests see where a submit leads); the cookies are kept where a hub connection can share them.
        client = portal.CreateDefaultClient(new CookieContainerHandler(Cookies));
        client.DefaultRequestHeaders.Host = host;
        if (clientAddress is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        }
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }
    }

    /// <summary>
    /// A browser talking to the portal on real Kestrel (<see cref="PortalFactory.StartRealServer"/>) through a proxy on
    /// the same host that names the client as <paramref name="forwardedFor"/>, as nginx does: the portal believes it.
    /// </summary>
    public PortalBrowser(Uri root, string forwardedFor, string? language = null)
    {
        client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = root };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Sends <c>Accept: text/html</c> with every request, as a browser does.</summary>
    public PortalBrowser AcceptingHtml()
    {
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return this;
    }

    public static string NewEmail(string who = "user") => $"{who}-{Guid.NewGuid():N}@example.com";

    /// <summary>The page's HTML, entities decoded, so assertions can use plain text (ä, ’).</summary>
    public async Task<string> GetTextAsync(string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
    }

    public async Task<HttpResponseMessage> GetAsync(string url) => await client.GetAsync(new Uri(url, UriKind.Relative), Ct);

    /// <summary>A JSON POST with this browser's cookies, as a page's script (or another site's form) would send it.</summary>
    public async Task<HttpResponseMessage> PostJsonAsync(string url, string json, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request, Ct);
    }

    public async Task<FormResult> SubmitAsync(string url, string formName, IReadOnlyDictionary<string, string> fields)
    {
        using var page = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = HiddenFields(await page.Content.ReadAsStringAsync(Ct), formName);
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return new(response.StatusCode, SameSitePath(response.Headers.Location), WebUtility.HtmlDecode(body), body, response.Headers.RetryAfter?.Delta);
    }

    public Task<FormResult> SignInAsync(string email, string password, string url = "/Account/Login") =>
        SubmitAsync(url, "login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public Task<FormResult> RegisterAsync(string displayName, string email, string password, string? confirm = null, string url = "/Account/Register") =>
        SubmitAsync(url, "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = displayName,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm ?? password,
        });

    /// <summary>Signs out with the app bar's form, as the button does (a POST with the page's antiforgery token).</summary>
    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        var form = SignOutFormRegex().Match(home);
        Assert.True(form.Success, "The page has no sign-out form: nobody is signed in.");
        var token = Regex.Match(form.Value, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"");
        Assert.True(token.Success, "The sign-out form has no antiforgery token.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["ReturnUrl"] = "/",
        });
        return await client.PostAsync(new Uri("/Account/Logout", UriKind.Relative), content, Ct);
    }

    /// <summary>Another browser holding a copy of this one's cookies, as a second device or a thief would.</summary>
    public PortalBrowser CopyWithCookies(PortalFactory portal)
    {
        var copy = new PortalBrowser(portal);
        foreach (Cookie cookie in Cookies.GetAllCookies())
        {
            copy.Cookies.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        }

        return copy;
    }

    /// <summary>The name in the app bar, or null when nobody is signed in.</summary>
    public async Task<string?> SignedInNameAsync()
    {
        var home = await GetTextAsync("/");
        var match = UserNameRegex().Match(home);
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    public static async Task<CareUser> CreateUserAsync(PortalFactory portal, string email, string password = GoodPassword, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(portal);
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        var user = new CareUser
        {
            UserName = email,
            Email = email,
            DisplayName = "Test " + email.Split('@')[0],
            CustomerSince = DateTime.UtcNow.AddYears(-1),
        };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        if (roles.Length > 0)
        {
            Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        }

        return user;
    }

    public static async Task<(CareUser? User, IList<string> Roles)> FindAsync(PortalFactory portal, string email)
    {
        ArgumentNullException.ThrowIfNull(portal);
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        var user = await users.FindByEmailAsync(email);
        return (user, user is null ? [] : await users.GetRolesAsync(user));
    }

    public void Dispose() => client.Dispose();

    /// <summary>Blazor redirects to absolute URLs: one to this site becomes its path, one elsewhere stays whole.</summary>
    public static string? SameSitePath(Uri? location) =>
        location is { IsAbsoluteUri: true } && location.Host == "localhost" ? location.PathAndQuery : location?.OriginalString;

    /// <summary>What a browser would send of the form besides the typed fields: antiforgery token, _handler, hidden inputs.</summary>
    private static Dictionary<string, string> HiddenFields(string html, string formName)
    {
        var form = FormRegex().Matches(html).FirstOrDefault(f => f.Value.Contains($"name=\"_handler\" value=\"{formName}\"", StringComparison.Ordinal));
        Assert.True(form is not null, $"The page has no form {formName}.");
        var fields = new Dictionary<string, string>();
        foreach (Match input in HiddenInputRegex().Matches(form.Value))
        {
            var name = Attribute(input.Value, "name");
            if (name is not null)
            {
                fields[WebUtility.HtmlDecode(name)] = WebUtility.HtmlDecode(Attribute(input.Value, "value") ?? "");
            }
        }

        Assert.True(fields.ContainsKey("__RequestVerificationToken"), $"Form {formName} has no antiforgery token.");
        return fields;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormRegex();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInputRegex();

    [GeneratedRegex("<form action=\"Account/Logout\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex SignOutFormRegex();

    [GeneratedRegex("data-testid=\"user-name\"[^>]*>([^<]*)<")]
    private static partial Regex UserNameRegex();
}

/// <summary>What came back from a form submit. Text has HTML entities decoded; Html is the raw markup; RetryAfter from a 429.</summary>
internal sealed record FormResult(HttpStatusCode Status, string? Location, string Text, string Html, TimeSpan? RetryAfter = null)
{
    /// <summary>The validation messages Blazor rendered for one input (Input.Email → its ValidationMessage).</summary>
    public IReadOnlyList<string> MessagesFor(string field)
    {
        var id = "field-" + field;
        var start = Html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No input {id} on the page.");
        var end = Html.IndexOf("class=\"cc-field\"", start, StringComparison.Ordinal);
        var block = end < 0 ? Html[start..] : Html[start..end];
        return [.. Regex.Matches(block, "class=\"validation-message\"[^>]*>([^<]*)<").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
    }

    /// <summary>The value attribute the page rendered for an input, or null when it rendered none.</summary>
    public string? ValueOf(string field)
    {
        var tag = Regex.Match(Html, $"<input[^>]*id=\"field-{field}\"[^>]*>");
        Assert.True(tag.Success, $"No input field-{field} on the page.");
        var value = Regex.Match(tag.Value, "value=\"([^\"]*)\"");
        return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;
    }
}
