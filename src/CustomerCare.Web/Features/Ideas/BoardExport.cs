using CsvHelper.Configuration;
using CustomerCare.Web.Components.Shared;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Ideas;

/// <summary>
/// One idea as the board's CSV export has it: what its card shows, status as in the board's address, the author's name in
/// the exporter's language where it is a deleted account's.
/// </summary>
public sealed record BoardCsvRow(
    int Id, string Title, string Status, int Votes, int Replies, string Author, DateTime CreatedAt, string? ShippedIn, string Summary)
{
    public static BoardCsvRow From(PostSummary idea, IStringLocalizer<Strings> text)
    {
        ArgumentNullException.ThrowIfNull(idea);
        return new(idea.Id, idea.Title, BoardAddress.StatusValue(idea.Status), idea.VoteCount, idea.ReplyCount,
            PersonName.Shown(idea.Author.DisplayName, text),
            idea.CreatedAt, idea.ShippedIn, idea.Excerpt);
    }
}

/// <summary>
/// <c>GET /export/board.csv?sort=…&amp;status=…&amp;category=…&amp;mine=…&amp;voted=…&amp;q=…</c>: the board as the asker sees
/// it with the same address, read by <see cref="BoardService.ListAllAsync"/> (the board's own query and visibility
/// rule), so the file never holds an idea the page would not show them, nor a complaint. Anyone may ask, like the board.
/// </summary>
public static class BoardExport
{
    public const string Path = "/export/board.csv";

    public static void MapBoardExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ExportAsync).ExcludeFromDescription();

    private static async Task<IResult> ExportAsync(
        string? sort, string? status, string? category, string? mine, string? voted, string? q, HttpContext http, BoardService board,
        CategoryService categories, IOptions<ExportOptions> options, IStringLocalizer<Strings> text, TimeProvider time, CancellationToken ct)
    {
        var viewer = Viewer.From(http.User);
        var slugs = (await categories.ListAsync(ct)).Select(c => c.Slug);
        var query = BoardAddress.Parse(sort, status, category, mine, voted, q, viewer.IsSignedIn, slugs);
        var rows = board.ListAllAsync(query, viewer, options.Value.MaxRows, ct).Select(idea => BoardCsvRow.From(idea, text));
        return CsvDownload.File($"ideas-{CsvDownload.Today(time)}.csv", new Columns(text), rows, ct);
    }

    /// <summary>The columns in order, headed in the asker's language.</summary>
    public sealed class Columns : ClassMap<BoardCsvRow>
    {
        public Columns(IStringLocalizer<Strings> text)
        {
            ArgumentNullException.ThrowIfNull(text);
            Map(r => r.Id).Name(text["Csv_Id"]);
            Map(r => r.Title).Name(text["Csv_Title"]);
            Map(r => r.Status).Name(text["Csv_Status"]);
            Map(r => r.Votes).Name(text["Csv_Votes"]);
            Map(r => r.Replies).Name(text["Csv_Replies"]);
            Map(r => r.Author).Name(text["Csv_Author"]);
            Map(r => r.CreatedAt).Name(text["Csv_CreatedAt"]).TypeConverterOption.Format(CsvDownload.DateFormat);
            Map(r => r.ShippedIn).Name(text["Csv_ShippedIn"]);
            Map(r => r.Summary).Name(text["Csv_Summary"]);
        }
    }
}
