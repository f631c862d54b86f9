using System.Globalization;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerCare.Web.Features.Posts;

/// <summary>
/// Pieces of visitors' pages, rendered on the server for the visitors' module (wwwroot/js/visitor-live.js): a page
/// without a circuit hears through the public hub that something changed and asks here for the new markup, instead of
/// building cards in JavaScript. Always rendered as a visitor sees them, whoever asks (signed-in people have a circuit),
/// so one cached answer serves every visitor; a post a visitor may not see answers exactly like a missing one.
/// </summary>
public static class PostFragments
{
    public const string Path = "/fragments";

    /// <summary>The most cards one request asks for: a board's page holds 30, the hub watches at most 50.</summary>
    public const int MaxCards = 50;

    public static void MapPostFragments(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var fragments = endpoints.MapGroup(Path).ExcludeFromDescription();
        fragments.MapGet("/cards", CardsAsync);
        fragments.MapGet("/posts/{id:int}", PostAsync);
    }

    /// <summary>
    /// The cards of <paramref name="ids"/> (comma-separated), in that order; cards a visitor may not see (any more) are
    /// left out, and none at all answers 404.
    /// </summary>
    private static async Task<Results<RazorComponentResult<CardsFragment>, NotFound, BadRequest<string>>> CardsAsync(
        string? ids, PostService posts, CancellationToken ct)
    {
        if (ParseIds(ids) is not { } wanted)
        {
            return TypedResults.BadRequest($"ids must be 1 to {MaxCards} post numbers separated by commas, such as ids=12,7.");
        }

        var cards = await posts.ListByIdsAsync(wanted, Viewer.Anonymous, ct);
        return cards.Count == 0
            ? TypedResults.NotFound()
            : new RazorComponentResult<CardsFragment>(new { Posts = cards });
    }

    /// <summary>A post page's content without the layout around it.</summary>
    private static async Task<Results<RazorComponentResult<PostPage>, NotFound>> PostAsync(int id, PostService posts, CancellationToken ct) =>
        await posts.GetAsync(id, Viewer.Anonymous, ct) is not { } read
            ? TypedResults.NotFound()
            : new RazorComponentResult<PostPage>(new { Id = id, Read = read });

    internal static int[]? ParseIds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > MaxCards)
        {
            return null;
        }

        var ids = new List<int>(parts.Length);
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return null;
            }

            ids.Add(id);
        }

        return [.. ids.Distinct()];
    }
}
