using System.Net;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>wwwroot/ and appsettings.json live at the repository root; these prove the web project really uses them.</summary>
public sealed class RootFilesTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory portal;

    public RootFilesTests(PortalFactory portal) => this.portal = portal;

    [Fact]
    public async Task Root_stylesheet_is_served()
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(new Uri("/app.css", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(".cc-brand", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Company_name_from_root_appsettings_is_read_and_shown()
    {
        var options = portal.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        using var client = portal.CreateClient();

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("Lindenhof Energie", options.Company);
        Assert.Contains("Lindenhof Energie", home, StringComparison.Ordinal);
    }
}
