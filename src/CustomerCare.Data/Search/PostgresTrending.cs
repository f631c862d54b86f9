using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Search;

/// <summary>
/// PostgreSQL's Trending board, the default order, read from an index that also holds each idea's search vector, so a
/// search walks index entries instead of table rows (docs/benchmarks.md, "Board search on PostgreSQL").
/// </summary>
/// <remarks>
/// A search walks the board's order and tests each idea until a page is full: about 1,600 ideas for a word in 2 % of
/// them. Reading each idea's row for that cost three quarters of the query; the covering index answers the whole
/// walk (order, listing, visibility, vector) from its own entries. A btree entry holds at most 2,704 bytes and a
/// vector grows with the text, so the index takes the ideas whose vector is small enough
/// (<see cref="CoveredVectorSize"/>, nearly all of them); the others sit in a second, plain index of the same order,
/// and the page merges both. The single (Kind, TrendWeight, CreatedAt, Id) index the other databases use is not in
/// PostgreSQL's model: beside it the planner would walk the table instead (it prices the wider index higher).
/// </remarks>
public static class PostgresTrending
{
    /// <summary>
    /// The largest vector, by the length in bytes of its text form, the covering index holds. A vector's stored size is at
    /// most 9 + 5/3 × that length (each lexeme costs at most 4 bytes more than its shortest text, which is 6 bytes), so
    /// ≤ 2,009 bytes, leaving room for the keys, the flags and a 450-character author id under the 2,704-byte limit.
    /// </summary>
    public const int CoveredVectorSize = 1200;

    /// <summary>Stored generated column: octet_length of the vector's text form (PostgreSQL's model only).</summary>
    internal const string VectorSize = "SearchVectorSize";

    private const string ListedIdea = """
        "Kind" = 'Idea' AND "RemovedAt" IS NULL AND "HeldAt" IS NULL AND "MergedIntoId" IS NULL
        """;

    internal static void Map(EntityTypeBuilder<Post> post)
    {
        post.Property<int>(VectorSize).HasComputedColumnSql($"octet_length(({PostSearch.PostgresVectorSql})::text)", stored: true);
        var single = post.Metadata.GetIndexes().Single(i => i.Properties.Select(p => p.Name).SequenceEqual(
            [nameof(Post.Kind), nameof(Post.TrendWeight), nameof(Post.CreatedAt), nameof(Post.Id)]));
        post.Metadata.RemoveIndex(single);
        string[] order = [nameof(Post.TrendWeight), nameof(Post.CreatedAt), nameof(Post.Id)];
        var covered = post.HasIndex(order, "IX_Posts_Trending_Covered")
            .HasFilter($"{ListedIdea} AND \"{VectorSize}\" <= {CoveredVectorSize}");
        NpgsqlIndexBuilderExtensions.IncludeProperties(
            covered, nameof(Post.IsPublic), nameof(Post.AuthorId), nameof(Post.HeldAt), PostSearch.PostgresVector);
        post.HasIndex(order, "IX_Posts_Trending_Uncovered")
            .HasFilter($"{ListedIdea} AND \"{VectorSize}\" > {CoveredVectorSize}");
    }

    /// <summary>
    /// The ideas of one Trending page: <paramref name="page"/> (the board's order after its cursor, and Take) applied to the
    /// covered and the other ideas of <paramref name="ideas"/> apart, so each reads its own index, and both joined back
    /// to <paramref name="posts"/> by id. The caller orders and takes the page again: the same rows, the same order.
    /// </summary>
    public static IQueryable<Post> Page(IQueryable<Post> posts, IQueryable<Post> ideas, Func<IQueryable<Post>, IQueryable<Post>> page)
    {
        ArgumentNullException.ThrowIfNull(ideas);
        ArgumentNullException.ThrowIfNull(page);

        // Constants, not parameters: a generic plan must still prove each partial index's condition.
        var covered = page(ideas.Where(p => EF.Property<int>(p, VectorSize) <= CoveredVectorSize)).Select(p => p.Id);
        var uncovered = page(ideas.Where(p => EF.Property<int>(p, VectorSize) > CoveredVectorSize)).Select(p => p.Id);
        var ids = covered.Concat(uncovered);
        return posts.Where(p => ids.Contains(p.Id));
    }
}
