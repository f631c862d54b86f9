using System.Net.Http.Headers;
using System.Text;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Security;
using CustomerCare.Web.Features.Api;

namespace CustomerCare.Tests.Integration.Api;

/// <summary>HTTP clients of the API as each persona: a bearer token of the scope asked, or none for the visitor.</summary>
internal static class ApiClient
{
    public static async Task<HttpClient> AsAsync(Cast cast, Persona persona, TokenScope scope = TokenScope.Write)
    {
        var client = cast.Portal.CreateClient(new() { AllowAutoRedirect = false });
        if (persona != Persona.Visitor)
        {
            var secret = await TokenAsync(cast, persona, scope);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return client;
    }

    public static async Task<string> TokenAsync(Cast cast, Persona persona, TokenScope scope)
    {
        var made = await cast.Get<AccessTokenService>().CreateAsync(
            $"{persona} {scope}", scope, DateTime.UtcNow.AddDays(30), cast.Viewer(persona), TestContext.Current.CancellationToken);
        Assert.Empty(made.Errors);
        return made.Secret!;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
