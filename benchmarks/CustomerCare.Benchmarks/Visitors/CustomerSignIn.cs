using System.Net;
using System.Text.RegularExpressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Benchmarks.Visitors;

/// <summary>
/// A customer with a password (the seeded board's people have none), made by the portal's UserManager, and signed in
/// the way a browser does it: GET /Account/Login, then POST the form with its hidden fields (antiforgery token, form
/// name) over HTTP. The cookies it answers with make a request, or a Chromium context, a signed-in customer's: since
/// issue 23 only they get the interactive circuit on the board and the idea pages.
/// </summary>
public static partial class CustomerSignIn
{
    public const string Email = "bench-customer@bench.local";

    private const string Password = "Bench!Customer2345";

    public static async Task CreateAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        var user = new CareUser
        {
            UserName = Email,
            Email = Email,
            EmailConfirmed = true,
            DisplayName = "Benchmark customer",
            CustomerSince = DateTime.UtcNow.AddYears(-3),
        };
        var created = await users.CreateAsync(user, Password);
        var inRole = created.Succeeded ? await users.AddToRoleAsync(user, Roles.Customer) : created;
        if (!inRole.Succeeded)
        {
            throw new InvalidOperationException($"The benchmark's customer was not created: {string.Join("; ", inRole.Errors.Select(e => e.Description))}");
        }
    }

    /// <summary>The cookies of a signed-in session (authentication and antiforgery), as name and value.</summary>
    public static async Task<IReadOnlyList<Cookie>> SignInAsync(Uri root, CancellationToken ct = default)
    {
        var jar = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = root, Timeout = TimeSpan.FromSeconds(60) };
        var page = await http.GetStringAsync("Account/Login", ct);
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in InputTag().Matches(page).Select(m => m.Value).Where(tag => tag.Contains("type=\"hidden\"", StringComparison.Ordinal)))
        {
            if (Attribute(input, "name") is { Length: > 0 } name)
            {
                form[name] = Attribute(input, "value") ?? "";
            }
        }

        form["Input.Email"] = Email;
        form["Input.Password"] = Password;
        using var answer = await http.PostAsync("Account/Login", new FormUrlEncodedContent(form), ct);
        var cookies = jar.GetCookies(root).ToList();
        if ((int)answer.StatusCode is < 300 or >= 400 || !cookies.Any(c => c.Name.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal)))
        {
            throw new BenchmarkCheckException($"Signing in the benchmark's customer failed: {(int)answer.StatusCode}, cookies {string.Join(", ", cookies.Select(c => c.Name))}.");
        }

        return cookies;
    }

    /// <summary>The cookies as one Cookie request header.</summary>
    public static string Header(IEnumerable<Cookie> cookies) => string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}"));

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, "\\s" + name + "=\"(?<v>[^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups["v"].Value) : null;

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();
}
