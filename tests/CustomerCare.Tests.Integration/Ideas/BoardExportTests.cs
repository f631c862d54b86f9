using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Ideas;

/// <summary>
/// The board's CSV export over HTTP, as each person downloads it: the board's filters, only what that person may see,
/// text that survives Excel (byte order mark, quoting) and cannot run in it (formulas are prefixed).
/// </summary>
public abstract class BoardExportTests(PortalFactory portal)
{
    private const string Title = "Title";

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_board_export_is_a_utf8_file_with_a_byte_order_mark_whose_umlauts_read_back_whole()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var title = TestPeople.UniqueTitle("Grüße aus Köln: Rechnungsprüfung für Ärzte, ß und €");
        var idea = await AddIdeaAsync(author, title);

        var csv = await DownloadAsync(author, "?mine=true");

        Assert.Equal([idea], csv.Ids);
        Assert.Equal(title, csv.Row(idea)![Title]);
        Assert.Equal(author.DisplayName, csv.Row(idea)!["Author"]);
        Assert.Equal("open", csv.Row(idea)!["Status"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", csv.Row(idea)!["Created (UTC)"]);
    }

    [Fact]
    public async Task The_board_export_keeps_the_boards_status_filter_and_search()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var word = UniqueWord();
        var plannedWithWord = await AddIdeaAsync(author, $"Planned {word} tariff", PostStatus.Planned);
        var openWithWord = await AddIdeaAsync(author, $"Open {word} tariff");
        var plannedOther = await AddIdeaAsync(author, TestPeople.UniqueTitle("Planned other tariff"), PostStatus.Planned);

        var planned = await DownloadAsync(author, "?mine=true&status=planned");
        var searched = await DownloadAsync(author, $"?mine=true&q={word}");
        var both = await DownloadAsync(author, $"?mine=true&status=planned&q={word}");

        Assert.Equal(new[] { plannedOther, plannedWithWord }.Order(), planned.Ids.Order());
        Assert.Equal(new[] { plannedWithWord, openWithWord }.Order(), searched.Ids.Order());
        Assert.Equal([plannedWithWord], both.Ids);
    }

    [Fact]
    public async Task A_customers_board_export_holds_the_public_ideas_and_their_own_but_never_another_customers_private_complaint()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var other = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var word = UniqueWord();
        var publicIdea = await AddIdeaAsync(other, $"Public {word} idea");
        var complaint = await portal.FileComplaintAsync(other, $"Private {word} complaint about my invoice", isPublic: false, ct: Ct);
        var heldIdea = await AddIdeaAsync(other, $"Held {word} idea", held: true);

        var searched = await DownloadAsync(customer, $"?q={word}");
        var whole = await DownloadAsync(customer, "?sort=new");

        Assert.Equal([publicIdea], searched.Ids);
        foreach (var csv in new[] { searched, whole })
        {
            Assert.Contains(publicIdea, csv.Ids);
            Assert.DoesNotContain(complaint, csv.Ids);
            Assert.DoesNotContain(heldIdea, csv.Ids);
            Assert.DoesNotContain("complaint about my invoice", csv.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_visitor_gets_the_public_board_and_mine_means_nothing_without_an_account()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var idea = await AddIdeaAsync(author, TestPeople.UniqueTitle("Seen by visitors"));

        using var visitor = new PortalBrowser(portal);
        using var response = await visitor.GetAsync(BoardExport.Path + "?mine=true&sort=new");
        var csv = await CsvFile.ReadAsync(response, "ideas-");

        Assert.Contains(idea, csv.Ids);
        Assert.True(csv.Rows.Count > 1, "A visitor's 'mine' should be ignored, as on the page, and the whole board exported.");
    }

    [Fact]
    public async Task Titles_with_commas_quotes_and_line_breaks_are_quoted_and_read_back_whole()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var title = "Tarif \"Öko\", bitte\r\nsofort " + UniqueWord();
        var idea = await AddIdeaAsync(author, title);

        var csv = await DownloadAsync(author, "?mine=true");

        Assert.Equal(title, csv.Row(idea)![Title]);
        Assert.Contains("\"Tarif \"\"Öko\"\", bitte\r\nsofort ", csv.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"Click\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+9)*cmd|' /C calc'!A0")]
    public async Task A_title_that_starts_like_a_formula_is_prefixed_so_a_spreadsheet_shows_it_as_text(string formula)
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var idea = await AddIdeaAsync(author, formula + " " + UniqueWord());

        var csv = await DownloadAsync(author, "?mine=true");

        Assert.StartsWith("'" + formula, csv.Row(idea)![Title], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_headers_follow_the_askers_language()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        await AddIdeaAsync(author, TestPeople.UniqueTitle("Headers"));

        using var german = new PortalBrowser(portal, language: "de");
        await german.SignInAsync(author.Email, author.Password);
        using var response = await german.GetAsync(BoardExport.Path + "?mine=true");
        var csv = await CsvFile.ReadAsync(response, "ideas-");

        Assert.Equal(["Nummer", "Titel", "Status", "Stimmen", "Antworten", "Verfasst von", "Erstellt (UTC)", "Ausgeliefert in", "Zusammenfassung"], csv.Headers);
    }

    [Fact]
    public async Task An_idea_of_a_deleted_account_is_exported_as_by_a_former_customer_in_the_askers_language()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        var reader = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var word = UniqueWord();
        var idea = await AddIdeaAsync(author, $"Deleted {word} author");
        var deleted = await portal.Services.GetRequiredService<AccountDeletion>().DeleteForAsync(author.Id, "Asked by letter.", [], admin.Viewer, Ct);
        Assert.True(deleted.Succeeded);

        var english = await DownloadAsync(reader, $"?q={word}");
        var german = await DownloadAsync(reader, $"?q={word}", "de");

        Assert.Equal("Former customer", english.Row(idea)!["Author"]);
        Assert.Equal("Ehemaliger Kunde", german.Row(idea)!["Verfasst von"]);
        Assert.DoesNotContain(author.DisplayName, english.Text + german.Text, StringComparison.Ordinal);
    }

    private async Task<CsvFile> DownloadAsync(TestPerson person, string query, string language = "en")
    {
        using var browser = new PortalBrowser(portal, language: language);
        await browser.SignInAsync(person.Email, person.Password);
        using var response = await browser.GetAsync(BoardExport.Path + query);
        return await CsvFile.ReadAsync(response, "ideas-");
    }

    private async Task<int> AddIdeaAsync(TestPerson author, string title, PostStatus status = PostStatus.Open, bool held = false)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = await db.AddIdeaAsync(author, title, Ct);
        if (status != PostStatus.Open || held)
        {
            post.Status = status;
            post.HeldAt = held ? DateTime.UtcNow : null;
            post.HoldReason = held ? HoldReason.NewAccount : null;
            await db.SaveChangesAsync(Ct);
        }

        return post.Id;
    }

    // Letters only, so every provider's full-text search reads it as one word nobody else wrote.
    private static string UniqueWord() =>
        "quor" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('g' + Convert.ToInt32(c.ToString(), 16))));
}

public sealed class SqliteBoardExportTests(PortalFactory portal) : BoardExportTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresBoardExportTests(PostgresPortalFactory portal) : BoardExportTests(portal), IClassFixture<PostgresPortalFactory>;
