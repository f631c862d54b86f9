using System.IO.Compression;
using System.Net;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.PersonalData;

/// <summary>
/// A large archive, prepared in the background (here every archive is "large": <c>DirectLimit</c> 0): progress on the
/// person's own topic, the link shown and mailed, opened only by its person and only until it expires.
/// </summary>
public abstract class PersonalDataArchiveTests(PortalFactory portal)
{
    private readonly PortalFactory portal = portal.With("PersonalData:Archive:DirectLimit", "0");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private T Get<T>() where T : notnull => portal.Services.GetRequiredService<T>();

    [Fact]
    public async Task The_archive_is_prepared_with_progress_then_opens_for_its_person_and_its_link_is_mailed()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, "Clara Archiv", ct: Ct);
        var otto = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var idea = TestPeople.UniqueTitle("Invoices as PDF");
        await portal.ProposeIdeaAsync(clara, idea, ct: Ct);
        using var recorder = new LiveEventRecorder(Get<ILiveBus>());
        var heard = recorder.ListenTo(LiveTopics.User(clara.Id));
        var archives = Get<PersonalDataArchives>();

        var started = await archives.StartAsync(clara.Viewer, Ct);
        var ready = await ReadyAsync(archives, started.Token, clara.Viewer);
        var until = DateTime.UtcNow + TestTimeouts.Wait;
        List<ArchiveProgressed> Steps()
        {
            lock (heard)
            {
                return [.. heard.OfType<ArchiveProgressed>().Where(e => e.Token == started.Token)];
            }
        }

        while (!Steps().Any(e => e.State == ArchiveState.Ready) && DateTime.UtcNow < until)
        {
            await Task.Delay(20, Ct);
        }

        var steps = Steps();
        Assert.Equal(ArchiveState.Ready, steps[^1].State);
        Assert.Equal(steps.Select(s => s.Percent).Order(), steps.Select(s => s.Percent));
        Assert.True(steps.Count >= 3, $"progress was said {steps.Count} times");
        Assert.Equal(ready.Token, (await archives.LatestAsync(clara.Viewer, Ct))?.Token);
        var opened = await archives.OpenAsync(started.Token, clara.Viewer, Ct);
        Assert.NotNull(opened);
        Assert.Equal(clara.Id, opened.Value.Status.SubjectId);
        Assert.Contains(idea, await JsonOfAsync(opened.Value.Zip), StringComparison.Ordinal);

        Assert.Null(await archives.OpenAsync(started.Token, otto.Viewer, Ct));
        Assert.Null(await archives.StatusAsync(started.Token, otto.Viewer, Ct));
        Assert.Null(await archives.LatestAsync(otto.Viewer, Ct));

        await using var db = await Get<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        var mail = await db.OutboxMails.SingleAsync(m => m.DedupKey == $"archive:{started.Token}", Ct);
        Assert.Equal(clara.Email, mail.ToAddress);
        Assert.Contains($"account/data/archive/{started.Token}", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_link_opens_nothing()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var clock = new ManualTime(DateTime.UtcNow);
        var archives = ActivatorUtilities.CreateInstance<PersonalDataArchives>(portal.Services, (TimeProvider)clock);
        var started = await archives.StartAsync(clara.Viewer, Ct);
        await ReadyAsync(archives, started.Token, clara.Viewer);

        clock.Advance(TimeSpan.FromDays(2).Add(TimeSpan.FromSeconds(1)));

        Assert.Null(await archives.OpenAsync(started.Token, clara.Viewer, Ct));
        Assert.Null(await archives.LatestAsync(clara.Viewer, Ct));
    }

    [Fact]
    public async Task Over_http_the_link_gives_the_zip_to_its_person_and_sends_anyone_else_back_with_nothing()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var otto = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var archives = Get<PersonalDataArchives>();
        var started = await archives.StartAsync(clara.Viewer, Ct);
        await ReadyAsync(archives, started.Token, clara.Viewer);
        var link = $"{PersonalDataArchives.ArchivePath}/{started.Token}";

        using (var owner = new PortalBrowser(portal))
        {
            await owner.SignInAsync(clara.Email, clara.Password);
            using var response = await owner.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        }

        using (var other = new PortalBrowser(portal))
        {
            await other.SignInAsync(otto.Email, otto.Password);
            using var response = await other.GetAsync(link);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(YourDataPage.LinkRefusedPath, response.Headers.Location?.ToString());
            using var guessed = await other.GetAsync($"{PersonalDataArchives.ArchivePath}/{new string('A', 43)}");
            Assert.Equal(YourDataPage.LinkRefusedPath, guessed.Headers.Location?.ToString());
        }

        using var visitor = new PortalBrowser(portal);
        using var anonymous = await visitor.GetAsync(link);
        Assert.Contains("Account/Login", anonymous.Headers.Location?.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<ArchiveStatus> ReadyAsync(PersonalDataArchives archives, string token, Viewer viewer)
    {
        var until = DateTime.UtcNow + TestTimeouts.Wait;
        while (DateTime.UtcNow < until)
        {
            if (await archives.StatusAsync(token, viewer, Ct) is { State: not ArchiveState.Building } status)
            {
                Assert.Equal(ArchiveState.Ready, status.State);
                return status;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException("The archive was not ready in time.");
    }

    private static async Task<string> JsonOfAsync(byte[] zip)
    {
        await using var archive = new ZipArchive(new MemoryStream(zip));
        using var reader = new StreamReader(await archive.GetEntry("data.json")!.OpenAsync(Ct));
        return await reader.ReadToEndAsync(Ct);
    }
}

public sealed class SqlitePersonalDataArchiveTests(EmptyPortalFactory portal) : PersonalDataArchiveTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresPersonalDataArchiveTests(EmptyPostgresPortalFactory portal) : PersonalDataArchiveTests(portal), IClassFixture<EmptyPostgresPortalFactory>;

/// <summary>An admin answers a request by letter: a reason first, in the security log; the archive is the person's, the link the admin's.</summary>
public abstract class PersonalDataRequestTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private T Get<T>() where T : notnull => portal.Services.GetRequiredService<T>();

    [Fact]
    public async Task An_admin_prepares_a_persons_archive_with_a_recorded_reason_and_only_the_admin_opens_it()
    {
        var admin = await portal.AddPersonAsync(Roles.Admin, "Sabine Request", ct: Ct);
        var clara = await portal.AddPersonAsync(Roles.Customer, "Clara Letter", ct: Ct);
        var complaint = TestPeople.UniqueTitle("Meter reading wrong");
        await portal.FileComplaintAsync(clara, complaint, ct: Ct);
        var requests = Get<PersonalDataRequests>();

        var result = await requests.ExportForAsync(clara.Id, "Letter of 2 December, reference 2026-118", admin.Viewer, Ct);

        Assert.Equal(DataRequestOutcome.Started, result.Outcome);
        var token = result.Archive!.Token;
        await using (var db = await Get<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct))
        {
            var logged = await db.SecurityEvents.SingleAsync(e => e.Kind == SecurityEventKind.PersonalDataRequested && e.UserId == clara.Id, Ct);
            Assert.Equal((admin.Id, "Letter of 2 December, reference 2026-118"), (logged.ActorId, logged.Detail));
        }

        var archives = Get<PersonalDataArchives>();
        for (var tries = 0; tries < 600 && (await archives.StatusAsync(token, admin.Viewer, Ct))?.State == ArchiveState.Building; tries++)
        {
            await Task.Delay(50, Ct);
        }

        var opened = await archives.OpenAsync(token, admin.Viewer, Ct);
        Assert.NotNull(opened);
        Assert.Equal(clara.Id, opened.Value.Status.SubjectId);
        await using var zip = new ZipArchive(new MemoryStream(opened.Value.Zip));
        using var reader = new StreamReader(await zip.GetEntry("data.json")!.OpenAsync(Ct));
        Assert.Contains(complaint, await reader.ReadToEndAsync(Ct), StringComparison.Ordinal);
        Assert.Null(await archives.OpenAsync(token, clara.Viewer, Ct));
        Assert.Equal(token, (await requests.LatestForAsync(clara.Id, admin.Viewer, Ct))?.Token);

        await using var check = await Get<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        Assert.Equal(admin.Email, (await check.OutboxMails.SingleAsync(m => m.DedupKey == $"archive:{token}", Ct)).ToAddress);
    }

    [Fact]
    public async Task A_request_without_a_reason_or_for_nobody_is_refused_and_records_nothing_and_only_admins_may_ask()
    {
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var clara = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var requests = Get<PersonalDataRequests>();

        Assert.Equal(DataRequestOutcome.ReasonRequired, (await requests.ExportForAsync(clara.Id, " \u200B ", admin.Viewer, Ct)).Outcome);
        Assert.Equal(DataRequestOutcome.ReasonTooLong, (await requests.ExportForAsync(clara.Id, new string('x', 501), admin.Viewer, Ct)).Outcome);
        Assert.Equal(DataRequestOutcome.PersonNotFound, (await requests.ExportForAsync("nobody", "Letter", admin.Viewer, Ct)).Outcome);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => requests.ExportForAsync(clara.Id, "Curious", staff.Viewer, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => requests.SearchAsync(clara.Email, clara.Viewer, Ct));

        await using var db = await Get<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        Assert.False(await db.SecurityEvents.AnyAsync(e => e.Kind == SecurityEventKind.PersonalDataRequested && e.UserId == clara.Id, Ct));
        Assert.Equal(clara.Id, Assert.Single(await requests.SearchAsync(clara.Email, admin.Viewer, Ct)).Id);
    }

    [Fact]
    public async Task An_admin_deletes_a_persons_account_with_a_reason_and_the_open_complaints_shown_and_the_log_says_who_and_why()
    {
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        var clara = await portal.AddPersonAsync(Roles.Customer, "Clara Leaving", ct: Ct);
        var open = await portal.FileComplaintAsync(clara, ct: Ct);
        var deletion = Get<AccountDeletion>();
        var preview = await deletion.PreviewForAsync(clara.Id, admin.Viewer, Ct);
        Assert.Equal(open, Assert.Single(preview!.OpenComplaints).Id);

        Assert.Equal(DeletionOutcome.ReasonRequired, (await deletion.DeleteForAsync(clara.Id, "", [open], admin.Viewer, Ct)).Outcome);
        Assert.Equal(DeletionOutcome.OpenComplaintsNotConfirmed, (await deletion.DeleteForAsync(clara.Id, "Letter", [], admin.Viewer, Ct)).Outcome);
        Assert.Equal(DeletionOutcome.OwnAccount, (await deletion.DeleteForAsync(admin.Id, "Letter", [], admin.Viewer, Ct)).Outcome);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => deletion.DeleteForAsync(clara.Id, "Letter", [open], clara.Viewer, Ct));

        var result = await deletion.DeleteForAsync(clara.Id, "Letter of 3 December: please delete everything", [open], admin.Viewer, Ct);

        Assert.Equal(DeletionOutcome.Deleted, result.Outcome);
        await using var db = await Get<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        var user = await db.Users.SingleAsync(u => u.Id == clara.Id, Ct);
        Assert.NotNull(user.DeletedAt);
        Assert.Null(user.Email);
        Assert.False(await db.Posts.AnyAsync(p => p.Id == open, Ct));
        var logged = await db.SecurityEvents.SingleAsync(e => e.Kind == SecurityEventKind.AccountDeleted && e.UserId == clara.Id, Ct);
        Assert.Equal((admin.Id, "Letter of 3 December: please delete everything"), (logged.ActorId, logged.Detail));
        using var browser = new PortalBrowser(portal);
        Assert.NotEqual(HttpStatusCode.Redirect, (await browser.SignInAsync(clara.Email, clara.Password)).Status);
    }
}

public sealed class SqlitePersonalDataRequestTests(EmptyPortalFactory portal) : PersonalDataRequestTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresPersonalDataRequestTests(EmptyPostgresPortalFactory portal) : PersonalDataRequestTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
