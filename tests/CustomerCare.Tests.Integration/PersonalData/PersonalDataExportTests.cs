using System.IO.Compression;
using System.Net;
using System.Text.Json;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Notifications.Mail;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.PersonalData;

/// <summary>
/// "Download my data": everything about the person, their private complaint with its thread as they read it, nothing
/// of anyone else's, as data.json and a readable data.md, over HTTP only to the person the cookie names.
/// </summary>
public abstract class PersonalDataExportTests(PortalFactory portal)
{
    private const string InternalNote = "Internal: customer was charged twice by our billing run";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private T Get<T>() where T : notnull => portal.Services.GetRequiredService<T>();

    [Fact]
    public async Task The_archive_holds_the_persons_ideas_private_complaint_thread_votes_and_follows_and_nothing_of_anyone_else()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, "Clara Export", ct: Ct);
        var otto = await portal.AddPersonAsync(Roles.Customer, "Otto Nachbar", ct: Ct);
        var anna = await portal.AddPersonAsync(Roles.Staff, "Anna Export", "Customer Care", Ct);
        var idea = await portal.ProposeIdeaAsync(clara, TestPeople.UniqueTitle("Invoices as PDF"), ct: Ct);
        var ottosIdea = await portal.ProposeIdeaAsync(otto, TestPeople.UniqueTitle("Dark mode"), ct: Ct);
        var complaintTitle = TestPeople.UniqueTitle("Charged twice");
        var complaint = await portal.FileComplaintAsync(clara, complaintTitle, ComplaintMood.Angry, ct: Ct);
        var ottosSecret = TestPeople.UniqueTitle("Otto's private trouble");
        await portal.FileComplaintAsync(otto, ottosSecret, ct: Ct);
        Assert.True((await Get<ThreadService>().ReplyAsync(complaint, null, "We refunded the second charge.", false, anna.Viewer, Ct)).Succeeded);
        Assert.True((await Get<ThreadService>().ReplyAsync(complaint, null, InternalNote, true, anna.Viewer, Ct)).Succeeded);
        Assert.True((await Get<ThreadService>().ReplyAsync(ottosIdea, null, "I would like that too.", false, clara.Viewer, Ct)).Succeeded);
        await Get<VoteService>().ToggleAsync(ottosIdea, clara.Viewer, Ct);
        Assert.True(await Get<FollowService>().SetPostAsync(ottosIdea, true, clara.Viewer, Ct));

        var archive = await Get<PersonalDataExport>().CollectAsync(clara.Viewer, ct: Ct);

        Assert.NotNull(archive);
        Assert.Equal(clara.Email, archive.Profile.Email);
        Assert.Equal("Clara Export", archive.Profile.DisplayName);
        Assert.Equal([Roles.Customer], archive.Profile.Roles);
        Assert.Equal(idea, Assert.Single(archive.Ideas).Id);
        var mine = Assert.Single(archive.Complaints);
        Assert.Equal((complaint, complaintTitle, false, "Angry"), (mine.Id, mine.Title, mine.IsPublic, mine.Mood));
        Assert.Contains(mine.Thread, r => r is { Author: "Anna Export", Mine: false, Body: "We refunded the second charge." });
        Assert.DoesNotContain(mine.Thread, r => r.Body.Contains("Internal:", StringComparison.Ordinal));
        var reply = Assert.Single(archive.Replies);
        Assert.Equal((ottosIdea, "I would like that too."), (reply.PostId, reply.Body));
        Assert.Equal(ottosIdea, Assert.Single(archive.Votes).PostId);
        Assert.NotNull(Assert.Single(archive.Votes).PostTitle);
        Assert.Contains(archive.Follows, f => f.PostId == ottosIdea && f.Following);
        Assert.Contains(archive.Notifications, n => n.PostId == complaint && n.From == "Anna Export");

        var json = JsonSerializer.Serialize(archive);
        Assert.DoesNotContain(ottosSecret, json, StringComparison.Ordinal);
        Assert.DoesNotContain(otto.Email, json, StringComparison.Ordinal);
        Assert.DoesNotContain(InternalNote, json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_download_is_a_zip_of_json_and_readable_markdown_for_the_signed_in_person_and_is_logged()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, "Clara Zip", ct: Ct);
        var title = TestPeople.UniqueTitle("Umlaute im Rechnungsdruck: äöü");
        await portal.ProposeIdeaAsync(clara, title, ct: Ct);
        using var browser = new PortalBrowser(portal, language: "de-DE");
        await browser.SignInAsync(clara.Email, clara.Password);

        using var response = await browser.GetAsync(PersonalDataEndpoints.DownloadPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".zip", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        await using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Ct));
        Assert.Equal(["data.json", "data.md"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var json = await JsonDocument.ParseAsync(await zip.GetEntry("data.json")!.OpenAsync(Ct), cancellationToken: Ct);
        Assert.Equal(clara.Email, json.RootElement.GetProperty("profile").GetProperty("email").GetString());
        Assert.Equal(title, json.RootElement.GetProperty("ideas")[0].GetProperty("title").GetString());
        using var reader = new StreamReader(await zip.GetEntry("data.md")!.OpenAsync(Ct));
        var markdown = await reader.ReadToEndAsync(Ct);
        Assert.Contains("# Ihre Daten bei CustomerCare: Clara Zip", markdown, StringComparison.Ordinal);
        Assert.Contains($"### {title}", markdown, StringComparison.Ordinal);
        Assert.Contains("## Ihre Reklamationen mit ihren Verläufen", markdown, StringComparison.Ordinal);

        await using var db = await Get<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        Assert.True(await db.SecurityEvents.AnyAsync(e => e.UserId == clara.Id && e.Kind == SecurityEventKind.PersonalDataExported, Ct));
    }

    [Fact]
    public async Task The_readable_archive_names_a_deleted_account_in_the_persons_language_and_the_json_keeps_it_as_stored()
    {
        var clara = await portal.AddPersonAsync(Roles.Customer, "Clara Liest", ct: Ct);
        var otto = await portal.AddPersonAsync(Roles.Customer, "Otto Geht", ct: Ct);
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        var idea = await portal.ProposeIdeaAsync(clara, TestPeople.UniqueTitle("Invoices as PDF"), ct: Ct);
        Assert.True((await Get<ThreadService>().ReplyAsync(idea, null, "Yes, please.", false, otto.Viewer, Ct)).Succeeded);
        Assert.True((await Get<AccountDeletion>().DeleteForAsync(otto.Id, "Asked by letter.", [], admin.Viewer, Ct)).Succeeded);
        // The mail worker writes Clara's reply mail now, not at a moment of its own choosing: the archive then always has it.
        await Get<NotificationMailer>().MailInstantAsync(Ct);
        using var browser = new PortalBrowser(portal, language: "de-DE");
        await browser.SignInAsync(clara.Email, clara.Password);

        using var response = await browser.GetAsync(PersonalDataEndpoints.DownloadPath);

        await using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Ct));
        using var json = await JsonDocument.ParseAsync(await zip.GetEntry("data.json")!.OpenAsync(Ct), cancellationToken: Ct);
        using var reader = new StreamReader(await zip.GetEntry("data.md")!.OpenAsync(Ct));
        var markdown = await reader.ReadToEndAsync(Ct);
        Assert.Contains("- **Ehemaliger Kunde**, ", markdown, StringComparison.Ordinal);
        Assert.Contains(" · Ehemaliger Kunde", markdown, StringComparison.Ordinal); // the reply's notification, from whom
        // A mail is kept as it went out, in the language it was written in (Clara's reply mail names "Former customer",
        // written after the deletion); everything else in the readable archive is in her language.
        var mails = markdown.IndexOf("## Mails, die wir Ihnen geschrieben haben", StringComparison.Ordinal);
        var next = markdown.IndexOf("\n## ", mails + 1, StringComparison.Ordinal);
        Assert.Contains(CareUser.FormerCustomerName, markdown[mails..(next < 0 ? markdown.Length : next)], StringComparison.Ordinal);
        Assert.DoesNotContain(CareUser.FormerCustomerName, markdown.Remove(mails, (next < 0 ? markdown.Length : next) - mails), StringComparison.Ordinal);
        Assert.DoesNotContain("Otto Geht", markdown + json.RootElement.GetRawText(), StringComparison.Ordinal);
        var thread = json.RootElement.GetProperty("ideas")[0].GetProperty("thread");
        Assert.Equal(CareUser.FormerCustomerName, thread[0].GetProperty("author").GetString());
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_gets_no_archive()
    {
        using var browser = new PortalBrowser(portal);

        using var response = await browser.GetAsync(PersonalDataEndpoints.DownloadPath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Account/Login", response.Headers.Location?.ToString(), StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Get<PersonalDataExport>().CollectAsync(Viewer.Anonymous, ct: Ct));
    }

    [Fact]
    public async Task Someone_who_works_here_finds_their_decisions_and_their_own_complaints_internal_notes()
    {
        var anna = await portal.AddPersonAsync(Roles.Staff, "Anna Decides", "Customer Care", Ct);
        var clara = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var complaint = await portal.FileComplaintAsync(clara, ct: Ct);
        var ben = await portal.AddPersonAsync(Roles.Staff, "Ben Colleague", "Customer Care", Ct);
        Assert.True((await Get<ComplaintOwnershipService>().ClaimAsync(complaint, ben.Viewer, ct: Ct)).Succeeded);
        Assert.True((await Get<ComplaintOwnershipService>().ReassignAsync(complaint, anna.Id, "Anna knows the billing system", ben.Viewer, ct: Ct)).Succeeded);
        Assert.True((await Get<ThreadService>().ReplyAsync(complaint, null, InternalNote, true, anna.Viewer, Ct)).Succeeded);

        var archive = await Get<PersonalDataExport>().CollectAsync(ben.Viewer, ct: Ct);

        Assert.NotNull(archive);
        Assert.Contains(archive.Decisions, d => d.PostId == complaint && d.What.Contains("Anna Decides", StringComparison.Ordinal)
            && d.Reason == "Anna knows the billing system");
        var annas = await Get<PersonalDataExport>().CollectAsync(anna.Viewer, ct: Ct);
        Assert.Contains(annas!.Replies, r => r is { InternalNote: true, Body: InternalNote });
    }
}

public sealed class SqlitePersonalDataExportTests(EmptyPortalFactory portal) : PersonalDataExportTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresPersonalDataExportTests(EmptyPostgresPortalFactory portal) : PersonalDataExportTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
