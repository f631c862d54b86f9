using System.Globalization;
using Bunit.TestDoubles;
using CustomerCare.Data;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Live;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace CustomerCare.Tests.Component;

/// <summary>
/// bUnit set up the way MudBlazor's own tests do (loose JS interop, popover check off), with the
/// portal's localization and, for components that write, a real SQLite database in memory.
/// </summary>
public abstract class ComponentTestContext : BunitContext
{
    private readonly CultureInfo originalCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo originalUiCulture = CultureInfo.CurrentUICulture;
    private SqliteConnection? connection;

    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddLocalization();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<MarkdownRenderer>();
        Services.AddSingleton<Web.Features.Search.SearchPath>();
        Services.AddLogging();
        Services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new TestingEnvironment());
        Services.AddSingleton<InMemoryLiveBus>();
        Services.AddSingleton<ILiveBus>(sp => sp.GetRequiredService<InMemoryLiveBus>());
        Services.AddSingleton<PresenceService>();
        // The response clock binds its options from configuration; its defaults are what these tests want.
        Services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Services.AddResponseClock();
        Auth = AddAuthorization();
        UseCulture("en");
    }

    protected BunitAuthorizationContext Auth { get; }

    protected static void UseCulture(string name)
    {
        CultureInfo.CurrentCulture = new CultureInfo(name);
        CultureInfo.CurrentUICulture = new CultureInfo(name);
    }

    /// <summary>A migrated SQLite database that lives as long as the test, for components that save.</summary>
    protected IDbContextFactory<CareDb> UseDatabase()
    {
        connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var open = connection;
        Services.AddDbContextFactory<CareDb>(o => o.UseSqlite(open, x => x.MigrationsAssembly(CareDbOptions.SqliteMigrations)));
        Services.AddSingleton<VoteService>();
        // The idea page's staff and product-owner pieces inject these whether or not they show.
        Services.AddSingleton<Web.Features.Roadmap.MergeService>();
        Services.AddSingleton<VoterListService>();
        Services.AddSingleton<Web.Features.Posts.OfficialAnswerService>();
        Services.AddSingleton<Web.Features.Posts.ModerationService>();
        // Every act that tells people of itself (replies, votes, decisions) needs the fan-out and the follows.
        Services.TryAddSingleton<Web.Features.Notifications.NotificationService>();
        Services.TryAddSingleton<Web.Features.Notifications.FollowService>();
        Services.AddSingleton<Web.Features.Threads.ThreadService>();
        // Complaint pages show the linked idea and the resolution (the reply thread offers the owner to propose it),
        // idea pages the complaints that led to them (staff only): every post page needs these.
        Services.TryAddSingleton<Web.Features.Posts.PostService>();
        Services.TryAddSingleton<Web.Features.Ideas.IdeaService>();
        Services.TryAddSingleton<ComplaintService>();
        var factory = Services.GetRequiredService<IDbContextFactory<CareDb>>();
        using (var db = factory.CreateDbContext())
        {
            db.Database.Migrate();
        }

        return factory;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            connection?.Dispose();
            CultureInfo.CurrentCulture = originalCulture;
            CultureInfo.CurrentUICulture = originalUiCulture;
        }

        base.Dispose(disposing);
    }
}

/// <summary>The Testing environment, under which a failing notification fan-out throws instead of only logging.</summary>
internal sealed class TestingEnvironment : Microsoft.Extensions.Hosting.IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Testing";

    public string ApplicationName { get; set; } = "CustomerCare.Web";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
        new Microsoft.Extensions.FileProviders.NullFileProvider();
}
