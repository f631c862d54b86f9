using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;

namespace CustomerCare.Web.Features.Ideas;

public enum BoardSort
{
    Trending,
    Top,
    New,
    Discussed,
}

/// <summary>Which statuses the board shows: every one, the open ones (not shipped or declined), or exactly one.</summary>
public sealed record BoardStatusFilter(PostStatus? Only, bool OpenOnly)
{
    public static BoardStatusFilter All { get; } = new(null, false);

    public static BoardStatusFilter Open { get; } = new(null, true);

    public static BoardStatusFilter Exactly(PostStatus status) => new(status, false);
}

/// <summary>
/// Where the next page starts: the sort key, creation time and id of the last idea shown. Paging by key
/// instead of by offset keeps page 300 as cheap as page 1 (an index seek, then Take).
/// </summary>
public sealed record BoardCursor(double Key, DateTime CreatedAt, int Id);

/// <summary>
/// One page of the board. <paramref name="CategorySlug"/> is the category's slug ("app"), as in the address;
/// <paramref name="Search"/> the words every listed idea must contain in some form.
/// </summary>
public sealed record BoardQuery(
    BoardSort Sort = BoardSort.Trending,
    BoardStatusFilter? Status = null,
    string? CategorySlug = null,
    bool Mine = false,
    bool VotedByMe = false,
    string? Search = null,
    BoardCursor? After = null);

/// <summary><paramref name="Next"/> is null when this was the last page.</summary>
public sealed record BoardPage(IReadOnlyList<PostSummary> Ideas, BoardCursor? Next);

