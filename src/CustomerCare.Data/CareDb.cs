using CustomerCare.Data.Entities;
using CustomerCare.Data.Search;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CustomerCare.Data;

public sealed class CareDb(DbContextOptions<CareDb> options)
    : IdentityDbContext<CareUser>(options), IDataProtectionKeyContext
{
    public DbSet<Post> Posts => Set<Post>();

    public DbSet<Vote> Votes => Set<Vote>();

    public DbSet<Reply> Replies => Set<Reply>();

    public DbSet<StatusChange> StatusChanges => Set<StatusChange>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ComplaintHandover> ComplaintHandovers => Set<ComplaintHandover>();

    public DbSet<ComplaintWait> ComplaintWaits => Set<ComplaintWait>();

    public DbSet<PostFollow> PostFollows => Set<PostFollow>();

    public DbSet<CategoryFollow> CategoryFollows => Set<CategoryFollow>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();

    public DbSet<OutboxMail> OutboxMails => Set<OutboxMail>();

    public DbSet<SolvesItAnswer> SolvesItAnswers => Set<SolvesItAnswer>();

    public DbSet<Thanks> Thanks => Set<Thanks>();

    public DbSet<HelpfulMark> HelpfulMarks => Set<HelpfulMark>();

    public DbSet<CustomerNote> CustomerNotes => Set<CustomerNote>();

    public DbSet<Picture> Pictures => Set<Picture>();

    public DbSet<Report> Reports => Set<Report>();
    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// <summary>
    /// Everyone who works here (Staff, ProductOwner, Admin) as a subquery: assign it to a local and use
    /// <c>staff.Contains(x.AuthorId)</c> inside a projection, so "who is staff" is decided in one place.
    /// </summary>
    public IQueryable<string> StaffUserIds => UserRoles.Where(ur => Entities.Roles.StaffRoleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);

    /// <summary>Shared data-protection keys, so cookies and antiforgery survive restarts and work on every server.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CareDb).Assembly);
        if (Database.IsNpgsql())
        {
            PostSearch.MapPostgresVector(builder.Entity<Post>());
            PostgresTrending.Map(builder.Entity<Post>());
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite hands DateTime back with Kind Unspecified and Npgsql refuses non-UTC values for
        // timestamptz: every DateTime in the model is UTC going in and coming out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
