using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;

namespace CustomerCare.Tests.Integration.Support;

/// <summary>A CSV download as a spreadsheet gets it: the raw text, and the rows read back by CsvHelper under their headers.</summary>
internal sealed record CsvFile(byte[] Bytes, string Text, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Asserts what every export answers (200, <c>text/csv; charset=utf-8</c>, an attachment named <c>*.csv</c>, the UTF-8 byte
    /// order mark first), then reads it.
    /// </summary>
    public static async Task<CsvFile> ReadAsync(HttpResponseMessage response, string fileNameStart)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.StartsWith(fileNameStart, disposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.EndsWith(".csv", disposition?.FileName?.Trim('"'), StringComparison.Ordinal);

        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(bytes.AsSpan().StartsWith(Bom), "The file does not start with the UTF-8 byte order mark.");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, Bom.Length, bytes.Length - Bom.Length);

        using var reader = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        Assert.True(await reader.ReadAsync());
        reader.ReadHeader();
        var headers = reader.HeaderRecord!.ToList();
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (await reader.ReadAsync())
        {
            rows.Add(headers.Select((h, i) => (h, reader.GetField(i) ?? "")).ToDictionary(c => c.h, c => c.Item2, StringComparer.Ordinal));
        }

        return new(bytes, text, headers, rows);
    }

    public IReadOnlyDictionary<string, string>? Row(int id) =>
        Rows.SingleOrDefault(r => r[Headers[0]] == id.ToString(CultureInfo.InvariantCulture));

    public IReadOnlyList<int> Ids => [.. Rows.Select(r => int.Parse(r[Headers[0]], CultureInfo.InvariantCulture))];
}
