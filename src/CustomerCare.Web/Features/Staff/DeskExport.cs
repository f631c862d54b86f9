using CsvHelper.Configuration;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Components.Shared;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Staff;

/// <summary>
/// One open complaint as the desk's CSV export has it: the customer and their history, mood, owner, the response clock
/// (waits in business minutes, dates in UTC) and a rating the customer gave before reopening it. Names and titles as
/// stored for a deleted account or an anonymized complaint are written in the exporter's language.
/// </summary>
public sealed record DeskCsvRow(
    int Id, string Title, string Customer, DateTime CustomerSince, int EarlierComplaints, int EarlierSolved, ComplaintMood? Mood,
    string? Owner, DateTime? WaitingSince, bool FirstAnswer, DateTime? AnswerDueAt, int? WaitedMinutes, bool Overdue,
    DateTime? EscalatedAt, int? Rating)
{
    public static DeskCsvRow From(DeskRow row, IStringLocalizer<Strings> text)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Id, PostTitle.Shown(row.Title, text), PersonName.Shown(row.Customer.DisplayName, text), row.Customer.CustomerSince,
            row.History.EarlierComplaints, row.History.EarlierSolved, row.Mood,
            row.Owner is { } owner ? PersonName.Shown(owner.DisplayName, text) : null, row.WaitingSince, row.FirstAnswer, row.Clock?.DueAt,
            row.Clock is { } clock ? (int)clock.Waited.TotalMinutes : null, row.Overdue, row.EscalatedAt, row.Rating);
    }
}

/// <summary>
/// <c>GET /export/desk.csv?filter=…&amp;tenure=…&amp;sort=…</c>: the desk's rows in the desk's order, from
/// <see cref="StaffDeskService.ListAsync"/>, for the people the desk page admits (staff, product owners, admins). A
/// visitor is sent to sign in and a customer to "access denied", as for the page; the service refuses anyone else too.
/// </summary>
public static class DeskExport
{
    public const string Path = "/export/desk.csv";

    public static void MapDeskExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.StaffRoles }).ExcludeFromDescription();

    private static async Task<IResult> ExportAsync(
        string? filter, string? tenure, string? sort, HttpContext http, StaffDeskService desk, IOptions<ExportOptions> options,
        IStringLocalizer<Strings> text, TimeProvider time, CancellationToken ct)
    {
        DeskView view;
        try
        {
            view = await desk.ListAsync(DeskAddress.Parse(filter, tenure, sort), Viewer.From(http.User), ct);
        }
        catch (UnauthorizedAccessException)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: text["Export_DeskRefused"]);
        }

        var rows = view.Rows.Take(options.Value.MaxRows).Select(row => DeskCsvRow.From(row, text)).ToAsyncEnumerable();
        return CsvDownload.File($"desk-{CsvDownload.Today(time)}.csv", new Columns(text), rows, ct);
    }

    /// <summary>The columns in order, headed in the asker's language.</summary>
    public sealed class Columns : ClassMap<DeskCsvRow>
    {
        public Columns(IStringLocalizer<Strings> text)
        {
            ArgumentNullException.ThrowIfNull(text);
            Map(r => r.Id).Name(text["Csv_Id"]);
            Map(r => r.Title).Name(text["Csv_Title"]);
            Map(r => r.Customer).Name(text["Csv_Customer"]);
            Map(r => r.CustomerSince).Name(text["Csv_CustomerSince"]).TypeConverterOption.Format(CsvDownload.DateFormat);
            Map(r => r.EarlierComplaints).Name(text["Csv_EarlierComplaints"]);
            Map(r => r.EarlierSolved).Name(text["Csv_EarlierSolved"]);
            Map(r => r.Mood).Name(text["Csv_Mood"]);
            Map(r => r.Owner).Name(text["Csv_Owner"]);
            Map(r => r.WaitingSince).Name(text["Csv_WaitingSince"]).TypeConverterOption.Format(CsvDownload.DateFormat);
            Map(r => r.FirstAnswer).Name(text["Csv_FirstAnswer"]);
            Map(r => r.AnswerDueAt).Name(text["Csv_AnswerDueAt"]).TypeConverterOption.Format(CsvDownload.DateFormat);
            Map(r => r.WaitedMinutes).Name(text["Csv_WaitedMinutes"]);
            Map(r => r.Overdue).Name(text["Csv_Overdue"]);
            Map(r => r.EscalatedAt).Name(text["Csv_EscalatedAt"]).TypeConverterOption.Format(CsvDownload.DateFormat);
            Map(r => r.Rating).Name(text["Csv_Rating"]);
        }
    }
}
