using CustomerCare.Data.Entities;

namespace CustomerCare.Web.Features.Insights;

/// <summary>
/// What one report looks at: the query, its weeks and months (starts in the portal's zone, as UTC, oldest first) and
/// the moment it was asked. Weeks start at <see cref="From"/>; the report runs to <see cref="To"/>.
/// </summary>
public sealed record InsightsWindow(InsightsQuery Query, IReadOnlyList<DateTime> Weeks, IReadOnlyList<DateTime> Months, DateTime To)
{
    public DateTime From => Weeks[0];

    /// <summary>The week an instant of the window falls in.</summary>
    public int Week(DateTime at) => Bucket(Weeks, at);

    /// <summary>The month an instant of the window falls in.</summary>
    public int Month(DateTime at) => Bucket(Months, at);

    /// <summary>
    /// The posts the report counts: not removed or held (what the portal no longer shows counts nowhere), of the
    /// query's category when <paramref name="withCategory"/>, by customers of at least the query's years.
    /// </summary>
    public IQueryable<Post> Filtered(IQueryable<Post> posts, bool withCategory)
    {
        ArgumentNullException.ThrowIfNull(posts);
        posts = posts.Where(p => p.RemovedAt == null && p.HeldAt == null);
        if (withCategory && Query.CategoryId is { } category)
        {
            posts = posts.Where(p => p.CategoryId == category);
        }

        if (Query.MinTenureYears is { } years)
        {
            var since = To.AddYears(-years);
            posts = posts.Where(p => p.Author!.CustomerSince <= since);
        }

        return posts;
    }

    /// <summary>How many of the ascending instants are at or before <paramref name="at"/>.</summary>
    public static int AtOrBefore(IReadOnlyList<DateTime> sorted, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var (low, high) = (0, sorted.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = sorted[middle] <= at ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    // The last start at or before the instant (the window keeps it ≥ 0).
    private static int Bucket(IReadOnlyList<DateTime> starts, DateTime at) => Math.Max(0, AtOrBefore(starts, at) - 1);
}
