using CustomerCare.Data;
using CustomerCare.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>
/// The portal as it runs on the open internet: the Production environment (error page instead of the developer page,
/// HSTS, no demo data) over a SQLite database of its own. Tests make the people and posts they need. One address more
/// than the real portal: <see cref="ThrowingPath"/> throws, behind the portal's whole pipeline, so tests can see what a
/// stranger gets when something fails.
/// </summary>
public class ProductionPortal : PortalFactory
{
    public const string ThrowingPath = "/test/throws";

    /// <summary>Text of the exception <see cref="ThrowingPath"/> throws; no answer may carry it.</summary>
    public const string SecretDetail = "connection string Password=hunter2 in ConnectionFactory";

    public ProductionPortal()
        : base(DatabaseProvider.Sqlite, seedDemo: false)
    {
        // Static files as a published build serves them. The tests run on the build's manifest, for which MapStaticAssets
        // re-reads every file whose time differs from the manifest's (meant for files edited while `dotnet run` runs);
        // ASP.NET Core 10.0.12 compares to the sub-second, so it takes every file of this checkout for edited and sends
        // it re-packed without compression (docs/benchmarks.md, "First visit"). After publish that check is off.
        With("ReloadStaticAssetsAtRuntime", "false");

        // Tests here sign many admins in from one address, more than the sign-in form allows one address
        // (RateLimits:SignIn); the limit itself is tested in Accounts/RequestRateLimitTests.
        With("RateLimits:SignIn:PerAddress", "1000");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(Environments.Production);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ThrowingEndpoint>());
    }

    // Runs after the portal's pipeline: only requests no endpoint took reach it, inside the exception handler.
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(ThrowingPath, branch => branch.Run(_ => throw new InvalidOperationException(SecretDetail)));
        };
    }
}
