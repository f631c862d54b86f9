using System.Globalization;
using System.Net;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Votes;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Insights;

/// <summary>
/// Each chart's CSV over HTTP, on a portal without demo content: the chart's figures under the page's words, for the query
/// in the address; a chart the page does not have is a 404; customers and visitors get nothing.
/// </summary>
public abstract class InsightsExportTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_mood_csv_has_a_row_per_week_and_the_new_complaints_in_this_weeks_row()
    {
        var owner = await portal.AddPersonAsync(Roles.ProductOwner, ct: Ct);
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        foreach (var mood in new[] { ComplaintMood.Angry, ComplaintMood.Angry, ComplaintMood.Hopeful })
        {
            await AnsweredAsync(await portal.FileComplaintAsync(customer, mood: mood, ct: Ct), staff);
        }

        var csv = await DownloadAsync(owner, "/export/insights/mood.csv", "insights-mood-");

        Assert.Equal(["Week (Monday)", "Angry", "Disappointed", "Unsure", "Hopeful", "No mood given", "Total"], csv.Headers);
        Assert.Equal(4, csv.Rows.Count);
        var week = csv.Rows[^1];
        Assert.Equal(ThisMonday(), week["Week (Monday)"]);
        Assert.Equal(("2", "0", "1", "3"), (week["Angry"], week["Disappointed"], week["Hopeful"], week["Total"]));
        Assert.All(csv.Rows.SkipLast(1), earlier => Assert.Equal("0", earlier["Total"]));
    }

    [Theory]
    [InlineData("?period=quarter", 13)]
    [InlineData("?period=year&tenure=10", 52)]
    [InlineData("?period=decade&category=nonsense", 4)]
    public async Task The_csv_covers_the_period_in_the_address(string query, int weeks)
    {
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);

        var csv = await DownloadAsync(staff, "/export/insights/waiting.csv" + query, "insights-waiting-");

        Assert.Equal(["Week (Monday)", "Waiting at the week's end", "Escalations"], csv.Headers);
        Assert.Equal(weeks, csv.Rows.Count);
    }

    [Fact]
    public async Task The_top_ideas_csv_ranks_the_voted_idea_in_the_askers_language()
    {
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var title = TestPeople.UniqueTitle("Zählerstand per Foto");
        var idea = await portal.ProposeIdeaAsync(author, title, ct: Ct);
        var votes = portal.Services.GetRequiredService<VoteService>();
        for (var i = 0; i < 3; i++)
        {
            await votes.ToggleAsync(idea, (await portal.AddPersonAsync(Roles.Customer, ct: Ct)).Viewer, Ct);
        }

        var csv = await DownloadAsync(admin, "/export/insights/topideas.csv", "insights-topideas-", language: "de");

        Assert.Equal(["Liste", "Rang"], csv.Headers.Take(2));
        var row = csv.Rows.First(r => r["Liste"] == "overall" && r[csv.Headers[3]] == title);
        Assert.Equal(idea.ToString(CultureInfo.InvariantCulture), row[csv.Headers[2]]);
        Assert.Equal("3", row[csv.Headers[5]]);
        Assert.Equal("Open", row[csv.Headers[4]]);
    }

    [Fact]
    public async Task A_chart_the_page_does_not_have_is_not_found()
    {
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        using var browser = new PortalBrowser(portal, language: "en");
        await browser.SignInAsync(staff.Email, staff.Password);

        using var response = await browser.GetAsync("/export/insights/revenue.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_a_customer_is_refused_without_a_figure()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        using var visitor = new PortalBrowser(portal);
        using var asVisitor = await visitor.GetAsync("/export/insights/mood.csv");
        using var signedIn = new PortalBrowser(portal);
        await signedIn.SignInAsync(customer.Email, customer.Password);
        using var asCustomer = await signedIn.GetAsync("/export/insights/mood.csv?period=year");

        Assert.Equal(HttpStatusCode.Redirect, asVisitor.StatusCode);
        Assert.Contains("/Account/Login", asVisitor.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, asCustomer.StatusCode);
        Assert.Contains("/Account/AccessDenied", asCustomer.Headers.Location?.ToString(), StringComparison.Ordinal);
        foreach (var response in new[] { asVisitor, asCustomer })
        {
            Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("Week (Monday)", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    private async Task<CsvFile> DownloadAsync(TestPerson person, string path, string fileNameStart, string language = "en")
    {
        using var browser = new PortalBrowser(portal, language: language);
        await browser.SignInAsync(person.Email, person.Password);
        using var response = await browser.GetAsync(path);
        return await CsvFile.ReadAsync(response, fileNameStart);
    }

    // Answered at once, so the portal's other tests find no customer waiting because of this one.
    private async Task AnsweredAsync(int complaint, TestPerson staff) =>
        Assert.True((await portal.Services.GetRequiredService<Web.Features.Threads.ThreadService>()
            .ReplyAsync(complaint, null, "We look into it.", internalNote: false, staff.Viewer, Ct)).Succeeded);

    private string ThisMonday()
    {
        var clock = portal.Services.GetRequiredService<ResponseClock>();
        var today = DateOnly.FromDateTime(clock.ToLocal(clock.UtcNow));
        return today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}

public sealed class SqliteInsightsExportTests(EmptyPortalFactory portal) : InsightsExportTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresInsightsExportTests(EmptyPostgresPortalFactory portal) : InsightsExportTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
