using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Seeding;
using CustomerCare.Web.Components.Account;
using CustomerCare.Web.Components.Account.External;
using CustomerCare.Web.Features;
using CustomerCare.Web.Features.Api;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Insights;
using CustomerCare.Web.Features.Notifications.Mail;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Pictures;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Staff;
using CustomerCare.Web.Features.Widget;
using CustomerCare.Web.Infrastructure.Access;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace CustomerCare.Web.Infrastructure;

public static class HostingExtensions
{
    public static readonly string[] Cultures = ["en", "de"];

    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section)
            .Validate(o => o.TrustedProxies.All(p => System.Net.IPAddress.TryParse(p, out _)), "Portal:TrustedProxies holds an entry that is not an IP address.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<PortalOptions>>((forwarded, portal) =>
        {
            // Loopback proxies (nginx on the same host) are trusted by default; others must be named.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in portal.Value.TrustedProxies)
            {
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section)
            .Validate(o => o.MaxRows is >= 1 and <= ExportOptions.MaxRowsLimit, "Export:MaxRows must be between 1 and 1000000.")
            .ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.AddSingleton(TimeProvider.System);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddSignalR();
        services.AddAllowedSitesCors();
        services.AddWidget();
        services.AddMudServices();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o => o
            .SetDefaultCulture(Cultures[0])
            .AddSupportedCultures(Cultures)
            .AddSupportedUICultures(Cultures));

        builder.AddDatabase();
        builder.AddAccounts();
        builder.AddAccess();
        builder.AddSecurityHeaders();
        builder.AddPageCompression();
        builder.AddOddRequestGuards();

        builder.AddHealth();
        builder.AddTelemetry();
        services.AddScoped<DemoSeeder>();
        services.AddFeatureServices(builder.Configuration);
        services.AddApi();
        services.AddLimitsAndHonestText();
    }

    private static void AddDatabase(this WebApplicationBuilder builder)
    {
        var settings = DatabaseSettings.From(builder.Configuration, DataFolder.Root(builder.Environment));
        builder.Services.AddSingleton(settings);

        // A Blazor Server circuit lives for minutes or hours: components and services take a short-lived
        // context from the factory per operation. Identity's stores and data protection still want a
        // scoped context; they get one made by the same factory.
        // SQLite writers queue in process for the database's one write lock (SqliteWriteGate; no-op elsewhere).
        builder.Services.AddSingleton<SqliteWriteGate>();
        builder.Services.AddDbContextFactory<CareDb>((sp, o) => o.UseCareDatabase(settings.Provider, settings.ConnectionString)
            .AddInterceptors(sp.GetRequiredService<SqliteWriteGate>()));
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContext());
    }

    private static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        var authentication = services.AddAuthentication(o =>
            {
                // The Identity cookie, except under /api, where a personal access token may speak instead (ApiAuthentication).
                o.DefaultScheme = ApiAuthenticationHandler.SelectorScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            });
        authentication.AddIdentityCookies();
        authentication.AddApiAuthentication();
        builder.AddExternalSignIn(authentication);
        services.AddAuthorization();

        services.AddIdentityCore<CareUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CareDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<CareClaimsPrincipalFactory>();

        services.AddMail();
        services.AddSingleton<EmailConfirmation>();
        services.AddDataProtection()
            .SetApplicationName("CustomerCare")
            .PersistKeysToDbContext<CareDb>();

        // The key manager warns at every new key (the first start, then every 90 days) that no XML encryptor protects
        // it at rest. That is the design, not a fault: the key ring lives in the portal's own database, behind the same
        // access control as the accounts it protects, and an encryptor would need a certificate on every server. Its
        // only other warnings name ring entries it skips (an unknown element, a revocation of an unknown key); its
        // errors still show.
        builder.Logging.AddFilter(typeof(XmlKeyManager).FullName, LogLevel.Error);
    }

    public static void UseApplicationPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // First: everything after it (HSTS, secure cookies, links) must see the scheme the browser used.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UsePageCompression();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();

        // Named here, not left to WebApplication, which would put them first: their answers (the sign-in redirect of a
        // page that needs an account) must see the forwarded scheme and carry the headers above.
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOwnOriginForCircuits();
        app.UseVisitorPages();
        app.UseRequestRateLimits();
        app.UseAntiforgery();
    }

    public static void MapApplicationEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapAdditionalIdentityEndpoints();
        app.MapExternalSignIn();
        app.MapCultureEndpoint();
        app.MapUnsubscribe();
        app.MapPersonalData();
        app.MapPictures();
        app.MapPostFragments();
        app.MapBoardExport();
        app.MapDeskExport();
        app.MapInsightsExport();
        app.MapApi();
        app.MapWidget();
        app.MapHub<LiveHub>(LiveHub.Path).RequireKnownOrigin(app.Services).RequireCors(LiveHubOrigins.CorsPolicy);
        app.MapHealth();
    }

    /// <summary>Prints the address a newcomer should open, once Kestrel knows its ports.</summary>
    public static void AnnounceReadyUrl(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CustomerCare");
            foreach (var url in app.Urls)
            {
                logger.LogInformation("CustomerCare is ready at {Url}", url);
            }
        });
    }
}
