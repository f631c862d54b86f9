using System.Globalization;
using System.Text;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Search;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace CustomerCare.Web.Features.Ideas;

/// <summary>
/// The board's state as it stands in the address (<c>/?sort=top&amp;status=planned&amp;category=app&amp;mine=true&amp;q=rechnung</c>),
/// so a view can be shared and the back button works. Unknown values fall back to the defaults, never to an error.
/// </summary>
public static class BoardAddress
{
    public const string OpenStatuses = "open-all";

    public static readonly IReadOnlyList<BoardSort> Sorts = [BoardSort.Trending, BoardSort.Top, BoardSort.New, BoardSort.Discussed];

    public static string SortValue(BoardSort sort) => sort switch
    {
        BoardSort.Top => "top",
        BoardSort.New => "new",
        BoardSort.Discussed => "discussed",
        _ => "trending",
    };

    public static BoardSort ParseSort(string? value) =>
        Sorts.FirstOrDefault(s => string.Equals(SortValue(s), value?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string StatusValue(PostStatus status) => status switch
    {
        PostStatus.UnderReview => "under-review",
        PostStatus.InProgress => "in-progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The address value of a filter; null for "all", which the address leaves out.</summary>
    public static string? StatusValue(BoardStatusFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.OpenOnly ? OpenStatuses : filter.Only is { } status ? StatusValue(status) : null;
    }

    public static BoardStatusFilter ParseStatus(string? value)
    {
        var trimmed = value?.Trim();
        if (string.Equals(trimmed, OpenStatuses, StringComparison.OrdinalIgnoreCase))
        {
            return BoardStatusFilter.Open;
        }

        foreach (var status in PostRules.IdeaStatuses)
        {
            if (string.Equals(StatusValue(status), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return BoardStatusFilter.Exactly(status);
            }
        }

        return BoardStatusFilter.All;
    }

    /// <summary>Slugs are lower-case letters, digits and dashes; anything else is no category.</summary>
    public static string? ParseCategory(string? value)
    {
        var slug = value?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(slug) || slug.Length > Category.NameMaxLength || !slug.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? null
            : slug;
    }

    /// <summary>The search as typed, trimmed and cut to the length a search may have; null for none.</summary>
    public static string? ParseSearch(string? value)
    {
        var search = value?.Trim();
        return string.IsNullOrEmpty(search) ? null : search[..Math.Min(search.Length, PostSearch.MaxQueryLength)].TrimEnd();
    }

    /// <summary>
    /// The board a request's address asks for: the page and its CSV export read the same values the same way. A category
    /// the portal does not have shows the whole board; "mine" and "voted by me" count only for someone signed in.
    /// </summary>
    public static BoardQuery Parse(
        string? sort, string? status, string? category, string? mine, string? voted, string? search, bool signedIn, IEnumerable<string> categorySlugs)
    {
        ArgumentNullException.ThrowIfNull(categorySlugs);
        var slug = ParseCategory(category);
        return new(
            ParseSort(sort),
            ParseStatus(status),
            slug is not null && categorySlugs.Contains(slug, StringComparer.Ordinal) ? slug : null,
            signedIn && IsTrue(mine),
            signedIn && IsTrue(voted),
            ParseSearch(search));
    }

    /// <summary>The CSV export of the board as <paramref name="query"/> shows it (<see cref="BoardExport"/>).</summary>
    public static string ExportPath(BoardQuery query, bool signedIn) => CsvDownload.Address(BoardExport.Path, ToParameters(query, signedIn));

    private static bool IsTrue(string? value) => bool.TryParse(value, out var on) && on;

    /// <summary>
    /// The query parameters for <paramref name="query"/>; defaults become null so they drop out of the address.
    /// "Mine" and "voted by me" are only kept for someone signed in.
    /// </summary>
    public static Dictionary<string, object?> ToParameters(BoardQuery query, bool signedIn)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new(StringComparer.Ordinal)
        {
            ["sort"] = query.Sort == BoardSort.Trending ? null : SortValue(query.Sort),
            ["status"] = StatusValue(query.Status ?? BoardStatusFilter.All),
            ["category"] = query.CategorySlug,
            ["mine"] = signedIn && query.Mine ? "true" : null,
            ["voted"] = signedIn && query.VotedByMe ? "true" : null,
            ["q"] = ParseSearch(query.Search),
        };
    }

    /// <summary>
    /// Where a page of the board ends, as the address and the API carry it ("after"): the sort key, the time and the id of
    /// the last card, so the next page starts after it whatever was added meanwhile.
    /// </summary>
    public static string CursorValue(BoardCursor c) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"{c.Key:R}|{c.CreatedAt.Ticks}|{c.Id}")));

    /// <summary>The cursor <see cref="CursorValue"/> wrote, or null for anything else.</summary>
    public static BoardCursor? ParseCursor(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(text)).Split('|');
            return parts.Length == 3
                && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var key)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks is >= 0 and <= 3155378975999999999
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var postId)
                ? new BoardCursor(key, new DateTime(ticks, DateTimeKind.Utc), postId)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
