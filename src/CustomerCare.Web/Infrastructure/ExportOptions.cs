namespace CustomerCare.Web.Infrastructure;

/// <summary>The exports' limits (<c>Export</c> in configuration).</summary>
public sealed class ExportOptions
{
    public const string Section = "Export";

    public const int MaxRowsLimit = 1_000_000;

    /// <summary>The most rows one CSV export holds (1 to <see cref="MaxRowsLimit"/>); a larger board is cut there.</summary>
    public int MaxRows { get; set; } = 10_000;
}
