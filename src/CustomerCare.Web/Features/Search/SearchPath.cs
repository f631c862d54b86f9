using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Search;

/// <summary>
/// Chooses how posts are searched on the configured database: its full-text engine, or LIKE on a SQL Server
/// installed without Full-Text Search (LocalDB), whose migration then created no full-text index. That is
/// asked once per process and said once in the log.
/// </summary>
public sealed class SearchPath(ILogger<SearchPath> logger)
{
    private bool? sqlServerHasFullText;

    public async Task<IQueryable<SearchHit>> HitsAsync(CareDb db, IReadOnlyList<string> words, SearchMatch match, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlServer() && !(sqlServerHasFullText ??= await SqlServerHasFullTextAsync(db, ct)))
        {
            return db.Like(words, match);
        }

        return db.FullText(words, match);
    }

    /// <summary>The posts among <paramref name="posts"/> that contain every word, in the order the caller gives them.</summary>
    public async Task<IQueryable<Post>> ContainingAllWordsAsync(CareDb db, IQueryable<Post> posts, IReadOnlyList<string> words, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            return posts.ContainingAllWords(words);
        }

        var hits = await HitsAsync(db, words, SearchMatch.AllWords, ct);
        return posts.Where(p => hits.Select(h => h.Id).Contains(p.Id));
    }

    private async Task<bool> SqlServerHasFullTextAsync(CareDb db, CancellationToken ct)
    {
        var indexes = await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS [Value] FROM sys.fulltext_indexes WHERE [object_id] = OBJECT_ID(N'[Posts]')")
            .SingleAsync(ct);
        if (indexes == 0)
        {
            logger.LogWarning("SQL Server has no full-text index on Posts (Full-Text Search is not installed?): search uses LIKE, which is slow on large boards.");
        }

        return indexes > 0;
    }
}
