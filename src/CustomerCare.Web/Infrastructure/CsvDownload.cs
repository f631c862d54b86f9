using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.WebUtilities;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// The portal's one way to hand out a CSV file (the board's and the desk's exports): UTF-8 with a byte order mark, since
/// Excel reads umlauts right only then; RFC 4180 quoting by CsvHelper; invariant numbers and UTC dates in ISO 8601; and
/// a cell a spreadsheet would run as a formula (one starting with <c>= + - @</c>, a tab or a carriage return) gets a
/// leading <c>'</c>, as OWASP advises against CSV injection. Rows are written as they come, never all held at once.
/// </summary>
public static class CsvDownload
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>How every date in an export is written: UTC, ISO 8601, to the second.</summary>
    public const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: true);

    public static CsvConfiguration Configuration { get; } = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        NewLine = "\r\n",
    };

    /// <summary>An attachment named <paramref name="fileName"/> with <paramref name="columns"/>' headers, then the rows.</summary>
    public static IResult File<T>(string fileName, ClassMap<T> columns, IAsyncEnumerable<T> rows, CancellationToken ct) =>
        Results.Stream(stream => WriteAsync(stream, columns, rows, ct), ContentType, fileName);

    public static async Task WriteAsync<T>(Stream stream, ClassMap<T> columns, IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new StreamWriter(stream, Encoding, leaveOpen: true);
        await using var csv = new CsvWriter(writer, Configuration, leaveOpen: true);
        csv.Context.RegisterClassMap(columns);
        csv.WriteHeader<T>();
        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(ct))
        {
            csv.WriteRecord(row);
            await csv.NextRecordAsync();
        }
    }

    /// <summary>
    /// An export's address with a page's filters: <paramref name="parameters"/> as a page's address has them, where null
    /// means the default and is left out.
    /// </summary>
    public static string Address(string path, IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return QueryHelpers.AddQueryString(path, parameters
            .Select(p => KeyValuePair.Create(p.Key, Convert.ToString(p.Value, CultureInfo.InvariantCulture)))
            .Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    /// <summary>Today's date for a file name ("ideas-2027-03-08.csv"), in UTC like every date inside.</summary>
    public static string Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
