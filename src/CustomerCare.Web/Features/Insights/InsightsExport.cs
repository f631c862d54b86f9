using System.Globalization;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace CustomerCare.Web.Features.Insights;

/// <summary>
/// <c>GET /export/insights/{chart}.csv?period=…&amp;category=…&amp;tenure=…</c>: one chart's figures for the query the page
/// shows, from <see cref="InsightsService.ReportAsync"/>, for the people the page admits (staff, product owners, admins). A
/// visitor is sent to sign in and a customer to "access denied", as for the page; the service refuses anyone else too. A
/// chart the page does not have is a 404.
/// </summary>
public static class InsightsExport
{
    public const string Path = "/export/insights/{chart}.csv";

    public static void MapInsightsExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.StaffRoles }).ExcludeFromDescription();

    private static async Task<IResult> ExportAsync(
        string chart, string? period, string? category, string? tenure, HttpContext http, InsightsService insights,
        CategoryService categories, ResponseClock clock, IStringLocalizer<Strings> text, TimeProvider time, CancellationToken ct)
    {
        if (InsightsAddress.ParseChart(chart) is not { } asked)
        {
            return Results.NotFound();
        }

        var query = InsightsAddress.Parse(period, category, tenure, await categories.ListAsync(ct));
        if (await insights.ReportAsync(query, Viewer.From(http.User), ct) is not { } report)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: text["Insights_Refused"]);
        }

        var format = new InsightsFormat(clock.Zone, CultureInfo.CurrentCulture);
        return InsightsCsv.File(asked, report, format, text, InsightsCsv.FileName(asked, time), ct);
    }
}
