using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CustomerCare.Data;
using CustomerCare.Web.Features.Notifications.Mail;
using CustomerCare.Web.Features.Pictures;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using CustomerCare.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.PersonalData;

public enum ArchiveState
{
    Building,
    Ready,
    Failed,
}

/// <summary>
/// Where a prepared archive stands: <see cref="Token"/> is its link's secret, <see cref="UserId"/> the one person whose
/// link it is (who asked), <see cref="SubjectId"/> whose data it holds (the same, unless an admin asked on their behalf).
/// </summary>
public sealed record ArchiveStatus(string Token, string UserId, string SubjectId, ArchiveState State, int Percent, DateTime ExpiresAt);

/// <summary>
/// A large archive, prepared in the background: progress on the person's own live topic, the finished ZIP in the
/// distributed cache (Redis with several servers, so any server hands it out) until the link expires, and the link
/// mailed. A link opens only for the person it was made for; after <see cref="ArchiveOptions.LinkLifetime"/> the
/// archive is gone.
/// </summary>
public sealed partial class PersonalDataArchives(
    PersonalDataExport export, PictureService pictures, IDbContextFactory<CareDb> dbs, IDistributedCache cache, ILiveBus bus, MailQueue mail, MailLinks links, MailStrings strings,
    IStringLocalizer<Strings> l, IOptions<ArchiveOptions> options, IOptions<PortalOptions> portal, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<PersonalDataArchives> log)
{
    public const string ArchivePath = "/account/data/archive";

    /// <summary>Starts preparing the viewer's archive, unless one is being prepared; the status to show at once.</summary>
    public Task<ArchiveStatus> StartAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var userId = viewer.UserId ?? throw new UnauthorizedAccessException("Only a signed-in person prepares their archive.");
        return StartForAsync(userId, userId, ct);
    }

    /// <summary>The viewer's most recent archive of their own data while its link works; null when there is none.</summary>
    public Task<ArchiveStatus?> LatestAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.UserId is { } userId ? LatestForAsync(userId, userId, ct) : Task.FromResult<ArchiveStatus?>(null);
    }

    /// <summary>
    /// Prepares <paramref name="subjectId"/>'s archive for <paramref name="requesterId"/> to download: the caller has
    /// decided the requester may (the person themselves, or an admin with a recorded reason: <see cref="PersonalDataRequests"/>).
    /// </summary>
    internal async Task<ArchiveStatus> StartForAsync(string requesterId, string subjectId, CancellationToken ct)
    {
        if (await LatestForAsync(requesterId, subjectId, ct) is { State: ArchiveState.Building } running)
        {
            return running;
        }

        var expires = time.GetUtcNow().Add(options.Value.LinkLifetime).UtcDateTime;
        var status = new ArchiveStatus(WebEncoders(RandomNumberGenerator.GetBytes(32)), requesterId, subjectId, ArchiveState.Building, 0, expires);
        await SaveAsync(status, ct);
        await cache.SetStringAsync(LatestKey(requesterId, subjectId), status.Token, Expiring(), ct);
        var culture = CultureInfo.CurrentUICulture;
        _ = Task.Run(() => BuildAsync(status, culture), lifetime.ApplicationStopping);
        return status;
    }

    internal async Task<ArchiveStatus?> LatestForAsync(string requesterId, string subjectId, CancellationToken ct)
    {
        var token = await cache.GetStringAsync(LatestKey(requesterId, subjectId), ct);
        return token is null ? null : await StatusOfAsync(token, requesterId, ct);
    }

    /// <summary>The archive behind <paramref name="token"/> if it is the viewer's own and its link still works.</summary>
    public Task<ArchiveStatus?> StatusAsync(string token, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.UserId is { } userId ? StatusOfAsync(token, userId, ct) : Task.FromResult<ArchiveStatus?>(null);
    }

    private async Task<ArchiveStatus?> StatusOfAsync(string token, string ownerId, CancellationToken ct)
    {
        if (!IsToken(token) || await cache.GetStringAsync(StatusKey(token), ct) is not { } json)
        {
            return null;
        }

        // The cache forgets it at the same moment; asking the clock too keeps the promise exact on every server.
        var status = JsonSerializer.Deserialize<ArchiveStatus>(json);
        return status?.UserId == ownerId && time.GetUtcNow().UtcDateTime < status.ExpiresAt ? status : null;
    }

    /// <summary>
    /// The finished ZIP for the viewer's own, unexpired link, with whose data it holds; null otherwise (someone else's,
    /// expired, unfinished).
    /// </summary>
    public async Task<(ArchiveStatus Status, byte[] Zip)?> OpenAsync(string token, Viewer viewer, CancellationToken ct = default)
    {
        if (await StatusAsync(token, viewer, ct) is not { State: ArchiveState.Ready } status
            || await cache.GetAsync(ZipKey(token), ct) is not { } zip)
        {
            return null;
        }

        return (status, zip);
    }

    private async Task BuildAsync(ArchiveStatus status, CultureInfo culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        var ct = lifetime.ApplicationStopping;
        try
        {
            // As the subject reads the portal: CollectAsync takes their roles as stored.
            var subject = new Viewer(status.SubjectId, false, false, false);
            var archive = await export.CollectAsync(subject, percent => ReportAsync(status with { Percent = percent }, ct), ct)
                ?? throw new InvalidOperationException("The account is gone.");
            using var zip = new MemoryStream();
            await PersonalDataZip.WriteAsync(zip, archive, l, pictures.ReadStoredAsync, ct);
            await cache.SetAsync(ZipKey(status.Token), zip.ToArray(), Expiring(), ct);
            var ready = status with { State = ArchiveState.Ready, Percent = 100 };
            // Mailed before it is said to be ready: whoever sees "ready" also finds the mail in the outbox.
            await MailLinkAsync(ready, culture, ct);
            await ReportAsync(ready, ct);
            LogReady(status.UserId, zip.Length);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, status.UserId);
            await ReportAsync(status with { State = ArchiveState.Failed }, CancellationToken.None);
        }
    }

    private async Task ReportAsync(ArchiveStatus status, CancellationToken ct)
    {
        await SaveAsync(status, ct);
        await bus.PublishAsync(new ArchiveProgressed(status.UserId, status.Token, status.Percent, status.State, status.ExpiresAt, time.GetUtcNow().UtcDateTime), ct);
    }

    // The link goes to the one who asked: the person, or the admin who answers a request by letter.
    private async Task MailLinkAsync(ArchiveStatus ready, CultureInfo culture, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var profile = await db.Users.AsNoTracking().Where(u => u.Id == ready.UserId)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Language }).FirstOrDefaultAsync(ct);
        if (profile?.Email is not { } to)
        {
            return;
        }

        var mailCulture = profile.Language is null ? MailStrings.CultureFor(culture.TwoLetterISOLanguageName) : MailStrings.CultureFor(profile.Language);
        var until = ready.ExpiresAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var (text, html) = MailLayout.Render(
            strings.Get(mailCulture, "Mail_Greeting", profile.DisplayName),
            [new MailSection(null, [strings.Get(mailCulture, "Mail_Archive_Text", until)], strings.Get(mailCulture, "Mail_Archive_Link"),
                links.Absolute($"{ArchivePath.TrimStart('/')}/{ready.Token}"))],
            new MailFooter(strings.Get(mailCulture, "Mail_Why_Account", portal.Value.Name)));
        await mail.EnqueueAsync(new($"archive:{ready.Token}", profile.Id, to, profile.DisplayName,
            strings.Get(mailCulture, "Mail_Archive_Subject", portal.Value.Name), text, html), ct);
    }

    private Task SaveAsync(ArchiveStatus status, CancellationToken ct) =>
        cache.SetStringAsync(StatusKey(status.Token), JsonSerializer.Serialize(status), Expiring(), ct);

    private DistributedCacheEntryOptions Expiring() => new() { AbsoluteExpirationRelativeToNow = options.Value.LinkLifetime };

    private static string StatusKey(string token) => $"archive:{token}";

    private static string ZipKey(string token) => $"archive:{token}:zip";

    private static string LatestKey(string requesterId, string subjectId) => $"archive-of:{requesterId}:{subjectId}";

    private static string WebEncoders(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool IsToken(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    [LoggerMessage(Level = LogLevel.Information, Message = "Archive of {UserId} ready ({Bytes} bytes)")]
    private partial void LogReady(string userId, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Archive of {UserId} could not be prepared")]
    private partial void LogFailed(Exception e, string userId);
}
