using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.PersonalData;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CustomerCare.Tests.Integration.PersonalData;

/// <summary>
/// What the retention tests share: the job over the portal's database with its clock at now (rows are made now and
/// dated back), and accounts registered back in time.
/// </summary>
internal static class RetentionTesting
{
    /// <summary>Older than anything another test dates back: the job, oldest first, takes these before any other.</summary>
    public static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static RetentionJob Job(PortalFactory portal, Action<RetentionOptions>? configure = null)
    {
        var options = new RetentionOptions();
        configure?.Invoke(options);
        return new RetentionJob(
            portal.Services.GetRequiredService<IDbContextFactory<CareDb>>(), portal.Services.GetRequiredService<AccountDeletion>(),
            Options.Create(options), new ManualTime(DateTime.UtcNow),
            portal.Services.GetRequiredService<CustomerCare.Web.Features.Pictures.IPictureStore>(),
            portal.Services.GetRequiredService<CustomerCare.Web.Live.ILiveBus>(), NullLogger<RetentionJob>.Instance);
    }

    /// <summary>An account registered at <paramref name="since"/>, its address confirmed or not, in one role.</summary>
    public static async Task<TestPerson> AddAccountAsync(
        this PortalFactory portal, bool confirmed, DateTime since, string role, string? name = null)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        // One word before the @, unique: a scan for this person's address finds it and nobody else's.
        var email = $"r{Guid.NewGuid():N}@test.example";
        var user = new CareUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = confirmed,
            DisplayName = name ?? $"Retention {email[1..7]}",
            CustomerSince = since,
        };
        Assert.True((await users.CreateAsync(user, TestPeople.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return new(user.Id, email, TestPeople.Password, user.DisplayName, role);
    }

    /// <summary>Outbox mails keyed <c>{mark}:{name}</c>, written long ago, sent or given up when given (or waiting).</summary>
    public static async Task AddMailsAsync(this PortalFactory portal, string mark, params (string Name, DateTime? SentAt, DateTime? GaveUpAt)[] mails)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        db.OutboxMails.AddRange(mails.Select(m => new OutboxMail
        {
            DedupKey = $"{mark}:{m.Name}",
            ToAddress = "someone@test.example",
            Subject = "A reply in a thread you follow",
            TextBody = "Kept for the retention period.",
            HtmlBody = "<p>Kept for the retention period.</p>",
            CreatedAt = LongAgo,
            NextAttemptAt = LongAgo,
            Attempts = m.SentAt is null && m.GaveUpAt is null ? 0 : 1,
            SentAt = m.SentAt,
            GaveUpAt = m.GaveUpAt,
        }));
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>The names of the mails of <paramref name="mark"/> still in the outbox, in order.</summary>
    public static async Task<IReadOnlyList<string>> MailsLeftAsync(this PortalFactory portal, string mark)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        var prefix = mark + ":"; // a GUID: found anywhere, it is the start
        var keys = await db.OutboxMails.Where(m => m.DedupKey.Contains(prefix)).Select(m => m.DedupKey).ToListAsync(Ct);
        return [.. keys.Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal)];
    }
}
