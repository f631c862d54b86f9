using System.Globalization;
using System.Net;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Staff;

/// <summary>The desk's CSV export over HTTP: the desk's rows and filters for the people who work here, nothing for anyone else.</summary>
public abstract class DeskExportTests(PortalFactory portal)
{
    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_desk_export_has_each_open_complaints_clock_owner_mood_and_rating()
    {
        var staff = await portal.AddPersonAsync(Roles.Staff, "Sören Süß", ct: Ct);
        var customer = await portal.AddPersonAsync(Roles.Customer, "Jörg Müller", ct: Ct);
        var filedAt = DateTime.UtcNow.AddMinutes(-5);
        var waiting = await AddComplaintAsync(customer, "Zählerstand falsch übernommen", ComplaintMood.Angry, filedAt, ownerId: staff.Id);
        var reopened = await AddComplaintAsync(customer, "Abschlag zu hoch", ComplaintMood.Disappointed, filedAt.AddMinutes(-1), rating: 2);

        var csv = await DownloadAsync(staff, "");

        foreach (var header in new[] { "Owner", "Mood", "Waiting since (UTC)", "Answer due (UTC)", "Waited (business minutes)", "Overdue", "Rating (1–5)" })
        {
            Assert.Contains(header, csv.Headers);
        }

        var row = csv.Row(waiting)!;
        Assert.Equal("Zählerstand falsch übernommen", row["Title"]);
        Assert.Equal("Jörg Müller", row["Customer"]);
        Assert.Equal("Sören Süß", row["Owner"]);
        Assert.Equal("Angry", row["Mood"]);
        Assert.Equal(filedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), row["Waiting since (UTC)"]);
        Assert.True(DateTime.TryParseExact(row["Answer due (UTC)"], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var due) && due > filedAt);
        Assert.Equal("", row["Rating (1–5)"]);
        Assert.Equal("2", csv.Row(reopened)!["Rating (1–5)"]);
        Assert.Equal("", csv.Row(reopened)!["Owner"]);
    }

    [Fact]
    public async Task The_desk_export_keeps_the_desks_filter()
    {
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var owned = await AddComplaintAsync(customer, TestPeople.UniqueTitle("Owned"), ComplaintMood.Unsure, DateTime.UtcNow, ownerId: staff.Id);
        var unowned = await AddComplaintAsync(customer, TestPeople.UniqueTitle("Unowned"), ComplaintMood.Unsure, DateTime.UtcNow);

        var mine = await DownloadAsync(staff, "?filter=mine");
        var unassigned = await DownloadAsync(staff, "?filter=unassigned");

        Assert.Equal([owned], mine.Ids);
        Assert.Contains(unowned, unassigned.Ids);
        Assert.DoesNotContain(owned, unassigned.Ids);
    }

    [Fact]
    public async Task A_product_owner_and_an_admin_may_download_the_desk_as_they_may_open_it()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var complaint = await AddComplaintAsync(customer, TestPeople.UniqueTitle("Seen by the team"), ComplaintMood.Hopeful, DateTime.UtcNow);

        foreach (var role in new[] { Roles.ProductOwner, Roles.Admin })
        {
            Assert.Contains(complaint, (await DownloadAsync(await portal.AddPersonAsync(role, ct: Ct), "")).Ids);
        }
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_a_customer_is_refused_without_a_single_row()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var title = TestPeople.UniqueTitle("Never in a customer's file");
        await AddComplaintAsync(customer, title, ComplaintMood.Angry, DateTime.UtcNow);

        using var visitor = new PortalBrowser(portal);
        using var asVisitor = await visitor.GetAsync(DeskExport.Path);
        using var signedIn = new PortalBrowser(portal);
        await signedIn.SignInAsync(customer.Email, customer.Password);
        using var asCustomer = await signedIn.GetAsync(DeskExport.Path);

        Assert.Equal(HttpStatusCode.Redirect, asVisitor.StatusCode);
        Assert.Contains("/Account/Login", asVisitor.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, asCustomer.StatusCode);
        Assert.Contains("/Account/AccessDenied", asCustomer.Headers.Location?.ToString(), StringComparison.Ordinal);
        foreach (var response in new[] { asVisitor, asCustomer })
        {
            Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(title, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    private async Task<CsvFile> DownloadAsync(TestPerson person, string query)
    {
        using var browser = new PortalBrowser(portal, language: "en");
        await browser.SignInAsync(person.Email, person.Password);
        using var response = await browser.GetAsync(DeskExport.Path + query);
        return await CsvFile.ReadAsync(response, "desk-");
    }

    private async Task<int> AddComplaintAsync(
        TestPerson customer, string title, ComplaintMood mood, DateTime createdAt, string? ownerId = null, int? rating = null)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = new Post
        {
            Kind = PostKind.Complaint, Title = title, Body = "Written by a desk export test.", AuthorId = customer.Id,
            CreatedAt = createdAt, UpdatedAt = createdAt, IsPublic = false, Mood = mood, OwnerId = ownerId,
            Rating = rating, RatedAt = rating is null ? null : createdAt,
        };
        db.Posts.Add(post);
        await db.SaveChangesAsync(Ct);
        return post.Id;
    }
}

public sealed class SqliteDeskExportTests(PortalFactory portal) : DeskExportTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresDeskExportTests(PostgresPortalFactory portal) : DeskExportTests(portal), IClassFixture<PostgresPortalFactory>;
