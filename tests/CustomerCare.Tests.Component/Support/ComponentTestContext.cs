using System.Globalization;
using System.Security.Claims;
using Bunit.Rendering;
using Bunit.TestDoubles;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Components.Shared;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace CustomerCare.Tests.Component.Support;

/// <summary>
/// bUnit set up the way MudBlazor's own tests do (loose JS interop, popover check off), with the
/// portal's localization and, for components that write, a real SQLite database in memory.
/// </summary>
public abstract class ComponentTestContext : BunitContext
{
    private readonly CultureInfo originalCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo originalUiCulture = CultureInfo.CurrentUICulture;
    private string? databaseFile;
    private IDbContextFactory<CareDb>? dbs;

    // bUnit waits one second for an assertion by default; a debounced search and its query can take longer on
    // a 2-core CI machine under load. A passing wait returns as soon as it passes, so only failures get slower.
    static ComponentTestContext() => DefaultWaitTimeout = CustomerCare.Tests.Support.TestTimeouts.Wait;

    private bool rendererInfoChosen;

    /// <summary>How the component runs; a test that says nothing gets a circuit, as a signed-in person's page runs.</summary>
    public new void SetRendererInfo(RendererInfo? rendererInfo)
    {
        rendererInfoChosen = true;
        base.SetRendererInfo(rendererInfo);
    }

    // bUnit's renderer is made with the first service asked for, so the default is chosen at the first render, after
    // the test added its services. A visitor's page (static, no circuit) is a test's own choice.
    public new IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameterBuilder = null)
        where TComponent : IComponent
    {
        ChooseCircuitUnlessSaid();
        return base.Render(parameterBuilder);
    }

    public new IRenderedComponent<TComponent> Render<TComponent>(RenderFragment renderFragment)
        where TComponent : IComponent
    {
        ChooseCircuitUnlessSaid();
        return base.Render<TComponent>(renderFragment);
    }

    public new IRenderedComponent<ContainerFragment> Render(RenderFragment renderFragment)
    {
        ChooseCircuitUnlessSaid();
        return base.Render(renderFragment);
    }

    private void ChooseCircuitUnlessSaid()
    {
        if (!rendererInfoChosen)
        {
            SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        }
    }

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
        // Every act a person does is counted against their limit (RateLimits' defaults).
        Services.AddOptions<RateLimitOptions>();
        Services.AddSingleton<Web.Features.Posts.ActivityLimits>();
        Services.AddPostingRights();
        // Every reply composer offers pictures (Features/Pictures), checked at once on the server; replies save them.
        Web.Features.Pictures.PictureServices.AddPictures(Services);
        Auth = AddAuthorization();
        // As in the portal (Routes.razor): every component gets the viewer as a cascading value.
        RenderTree.Add<CascadingViewer>();
        UseCulture("en");
    }

    protected BunitAuthorizationContext Auth { get; }

    /// <summary>The running test's cancellation token.</summary>
    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>The database <see cref="UseDatabase"/> made, for seeding and for reading what a component saved.</summary>
    protected IDbContextFactory<CareDb> Dbs => dbs ?? throw new InvalidOperationException("Call UseDatabase() first.");

    protected static void UseCulture(string name)
    {
        CultureInfo.CurrentCulture = new CultureInfo(name);
        CultureInfo.CurrentUICulture = new CultureInfo(name);
    }

    /// <summary>
    /// A migrated SQLite database that lives as long as the test, for components that save. A file with a connection
    /// per context, as in the portal: live components read it from the thread pool while the test writes, and one
    /// in-memory connection shared by both failed now and then (SQLite refuses to set a connection up while another
    /// thread runs a statement on it).
    /// </summary>
    protected IDbContextFactory<CareDb> UseDatabase()
    {
        databaseFile = Path.Combine(Path.GetTempPath(), $"customercare-component-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString();
        Services.AddDbContextFactory<CareDb>(o => o.UseSqlite(connectionString, x => x.MigrationsAssembly(CareDbOptions.SqliteMigrations)));
        Services.AddSingleton<VoteService>();
        // Votes and ratings are counted for operators' dashboards (Infrastructure/CareMetrics).
        Services.AddMetrics();
        Services.TryAddSingleton<Web.Infrastructure.CareMetrics>();
        // The idea page's staff and product-owner pieces inject these whether or not they show.
        Services.AddSingleton<Web.Features.Decisions.MergeService>();
        Services.AddSingleton<VoterListService>();
        Services.AddSingleton<Web.Features.Threads.OfficialAnswerService>();
        Services.AddSingleton<Web.Features.Moderation.ModerationService>();
        // Every post page offers reporting, hiding and approving; the queue reads and decides.
        Services.TryAddSingleton<Web.Features.Moderation.ReplyModerationService>();
        // Reports and blocks are written to the security log; a block ends the person's sessions.
        Services.TryAddSingleton<Web.Infrastructure.Access.SecurityLog>();
        Services.TryAddSingleton<Web.Infrastructure.Access.AccessChanges>();
        Services.TryAddSingleton<Web.Features.Moderation.ReportService>();
        Services.TryAddSingleton<Web.Features.Moderation.HoldReviewService>();
        Services.TryAddSingleton<Web.Features.Moderation.BlockService>();
        Services.TryAddSingleton<Web.Features.Moderation.ModerationQueueService>();
        // Every act that tells people of itself (replies, votes, decisions) needs the fan-out and the follows.
        Services.TryAddSingleton<Web.Features.Notifications.NotificationService>();
        Services.TryAddSingleton<Web.Features.Notifications.NotificationInbox>();
        Services.TryAddSingleton<Web.Features.Notifications.FollowService>();
        Services.AddSingleton<Web.Features.Threads.ThreadService>();
        // Replies tell whom they mention; the post page shows mentions and the composer suggests people.
        Services.TryAddSingleton<Web.Features.Mentions.MentionNotifier>();
        Services.TryAddSingleton<Web.Features.Mentions.MentionService>();
        // Complaint pages show the linked idea and the resolution (the reply thread offers the owner to propose it),
        // idea pages the complaints that led to them (staff only): every post page needs these.
        Services.TryAddSingleton<Web.Features.Posts.PostService>();
        Services.TryAddSingleton<Web.Features.Posts.CategoryService>();
        Services.TryAddSingleton<Web.Features.Ideas.BoardService>();
        Services.TryAddSingleton<Web.Features.Ideas.IdeaService>();
        Services.TryAddSingleton<ComplaintService>();
        Services.TryAddSingleton<ComplaintOwnershipService>();
        Services.TryAddSingleton<ComplaintResolutionService>();
        Services.TryAddSingleton<ComplaintIdeaLinkService>();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<Web.Features.Threads.IReplyEffects, ComplaintReplies>());
        // Shipped ideas ask "Does this solve it for you?".
        Services.TryAddSingleton<Web.Features.SolvesIt.SolvesItService>();
        // Customers thank the team's replies and the owner of a solved complaint; the team page counts it.
        Services.TryAddSingleton<Web.Features.Thanks.ThanksService>();
        // Anyone signed in marks a reply helpful; the thread keeps the counts live.
        Services.TryAddSingleton<Web.Features.Helpful.HelpfulService>();
        Services.TryAddSingleton<Web.Features.Helpful.EndorsementService>();
        // The post's author or the team mark a reply as the answer.
        Services.TryAddSingleton<Web.Features.Answers.AnswerService>();
        Services.TryAddSingleton<Web.Features.Team.TeamService>();
        // Every act that other systems hear of stores its webhook events (none here: no endpoint is registered).
        Services.AddOptions<Web.Features.Webhooks.WebhookOptions>();
        Services.AddOptions<Web.Infrastructure.PortalOptions>();
        Services.TryAddSingleton<Microsoft.AspNetCore.Hosting.Server.IServer, NoServer>();
        Services.TryAddSingleton<Web.Features.Notifications.Mail.MailLinks>();
        Services.TryAddSingleton<Web.Features.Webhooks.WebhookPayloads>();
        Services.TryAddSingleton<Web.Features.Webhooks.WebhookPublisher>();
        var factory = Services.GetRequiredService<IDbContextFactory<CareDb>>();
        using (var db = factory.CreateDbContext())
        {
            db.Database.Migrate();
        }

        dbs = factory;
        return factory;
    }

    /// <summary>Signs in <paramref name="userId"/> in <paramref name="role"/>, with the user id as name and as NameIdentifier claim.</summary>
    protected void SignIn(string userId, string role)
    {
        Auth.SetAuthorized(userId);
        Auth.SetRoles(role);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }

    /// <summary>A user in one role (customer since now unless given), saved in the test's database; returns the id.</summary>
    protected async Task<string> SeedUserAsync(string name, string roleId, DateTime? customerSince = null, string? jobTitle = null)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var user = new CareUser
        {
            UserName = $"{Guid.NewGuid():N}@example.test", DisplayName = name, JobTitle = jobTitle, CustomerSince = customerSince ?? DateTime.UtcNow,
        };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync(Ct);
        return user.Id;
    }

    /// <summary>
    /// A private complaint by <paramref name="authorId"/>, filed <paramref name="minutesAgo"/> minutes before the
    /// registered <see cref="TimeProvider"/>'s now (escalated at that moment if asked); returns its id.
    /// </summary>
    protected async Task<int> SeedComplaintAsync(
        string authorId, string title, string? ownerId = null, bool escalated = false, ComplaintMood mood = ComplaintMood.Angry, int minutesAgo = 0)
    {
        var at = Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddMinutes(-minutesAgo);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = new Post
        {
            Kind = PostKind.Complaint, Title = title, Body = "Please help.", AuthorId = authorId, CreatedAt = at, UpdatedAt = at,
            IsPublic = false, Mood = mood, OwnerId = ownerId, EscalatedAt = escalated ? at : null,
        };
        db.Posts.Add(post);
        await db.SaveChangesAsync(Ct);
        return post.Id;
    }

    /// <summary>
    /// An idea posted at the registered <see cref="TimeProvider"/>'s now, by <paramref name="authorId"/> or else by a
    /// new customer named "Author"; returns its id.
    /// </summary>
    protected async Task<int> SeedIdeaAsync(
        string title = "Read the meter by photo", string? authorId = null, PostStatus status = PostStatus.Open, int? mergedInto = null)
    {
        authorId ??= await SeedUserAsync("Author", Roles.CustomerId);
        var at = Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var idea = new Post
        {
            Kind = PostKind.Idea, Title = title, Body = "Please.", AuthorId = authorId, CreatedAt = at, UpdatedAt = at, Status = status, MergedIntoId = mergedInto,
        };
        db.Posts.Add(idea);
        await db.SaveChangesAsync(Ct);
        return idea.Id;
    }

    // xunit disposes asynchronously (DisposeAsync → DisposeAsyncCore) where it can; both paths clean up.
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CleanUp();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        CleanUp();
    }

    private void CleanUp()
    {
        CultureInfo.CurrentCulture = originalCulture;
        CultureInfo.CurrentUICulture = originalUiCulture;
        if (databaseFile is not null)
        {
            foreach (var file in new[] { databaseFile, databaseFile + "-journal", databaseFile + "-wal", databaseFile + "-shm" })
            {
                File.Delete(file);
            }

            databaseFile = null;
        }
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

/// <summary>No server listens in a component test; links are made from <c>Portal:PublicUrl</c> or localhost.</summary>
internal sealed class NoServer : Microsoft.AspNetCore.Hosting.Server.IServer
{
    public Microsoft.AspNetCore.Http.Features.IFeatureCollection Features { get; } = new Microsoft.AspNetCore.Http.Features.FeatureCollection();

    public Task StartAsync<TContext>(Microsoft.AspNetCore.Hosting.Server.IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
