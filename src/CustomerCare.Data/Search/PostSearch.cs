using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace CustomerCare.Data.Search;

/// <summary>One post a search found; a higher <see cref="Rank"/> matched better (comparable within one search only).</summary>
public sealed class SearchHit
{
    public int Id { get; init; }

    public double Rank { get; init; }
}

public enum SearchMatch
{
    /// <summary>The search box: every word must occur (in some form).</summary>
    AllWords,

    /// <summary>Similar ideas: any word may occur; more and rarer ones rank higher.</summary>
    AnyWord,
}

/// <summary>
/// Full-text search over posts' title and body that finds German and English word forms, with each
/// database's own engine: SQLite FTS5 (porter stemmer, diacritics folded, prefix terms), PostgreSQL
/// tsvectors in the english and german configurations, stored in a generated column behind one GIN index, SQL Server full-text
/// (inflectional forms in English and German). Each provider's index SQL is written once in its migrations project
/// (SqliteSearchSql, PostgresSearchSql, SqlServerSearchSql) and run by its Initial migration. <see cref="Like"/> is
/// the plain path for a SQL Server without full-text search.
/// Words reach the SQL as parameters; they hold letters and digits only, so they carry no query syntax.
/// </summary>
public static class PostSearch
{
    public const int MaxQueryLength = 100;

    public const int MaxWords = 8;

    // The PostgreSQL document: a stored generated tsvector column (english || german forms of title and body)
    // under the GIN index "IX_Posts_FullText" (PostgresSearchSql, run by the Initial migration). Stored, so
    // neither the filter nor the index recheck computes a vector per row (docs/benchmarks.md, search).
    internal const string PostgresVector = "SearchVector";

    private const string PostgresDocument = $"\"{PostgresVector}\"";

    /// <summary>
    /// The stored vector as a shadow property of PostgreSQL's model only (the other databases index with FTS5 and
    /// full-text catalogs), so LINQ can test the very rows a query lists (<see cref="ContainingAllWords"/>).
    /// </summary>
    internal static void MapPostgresVector(EntityTypeBuilder<Post> post) =>
        post.Property<NpgsqlTsVector>(PostgresVector).HasComputedColumnSql(PostgresVectorSql, stored: true);

    internal const string PostgresVectorSql =
        """to_tsvector('english'::regconfig, "Title" || ' ' || "Body") || to_tsvector('german'::regconfig, "Title" || ' ' || "Body")""";

    /// <summary>
    /// PostgreSQL: the posts whose stored vector holds every word, in either language's form, as a prefix — the same
    /// match as <see cref="FullText"/> with <see cref="SearchMatch.AllWords"/>, written on the listed rows themselves.
    /// The board keeps its own order under a search, so PostgreSQL walks that order's index and tests each row's
    /// vector (for Trending from an index that holds the vectors, <see cref="PostgresTrending"/>); through the hits it
    /// joined every row back to the posts table by id, three times the work at 100,000 ideas (docs/benchmarks.md, run 7).
    /// </summary>
    public static IQueryable<Post> ContainingAllWords(this IQueryable<Post> posts, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(words);
        foreach (var term in words.Select(w => $"{w}:*"))
        {
            // Most words stem alike in both languages: asking 'rechnung':* once instead of 'rechnung':* | 'rechnung':*
            // halves the test of every walked row (the plan folds the CASE into one constant query).
            posts = posts.Where(p => EF.Property<NpgsqlTsVector>(p, PostgresVector).Matches(
                EF.Functions.ToTsQuery("english", term) == EF.Functions.ToTsQuery("german", term)
                    ? EF.Functions.ToTsQuery("english", term)
                    : EF.Functions.ToTsQuery("english", term).Or(EF.Functions.ToTsQuery("german", term))));
        }

        return posts;
    }

    /// <summary>The words of a search: letters and digits, lower case, two characters or more, at most <see cref="MaxWords"/>.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var clean = new string([.. text.Take(MaxQueryLength).Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ')]);
        return [.. clean.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 2).Distinct(StringComparer.Ordinal).Take(MaxWords)];
    }

    /// <summary>Posts matching <paramref name="words"/> (from <see cref="Words"/>) with the database's full-text engine.</summary>
    public static IQueryable<SearchHit> FullText(this CareDb db, IReadOnlyList<string> words, SearchMatch match)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0)
        {
            throw new ArgumentException("A search needs at least one word.", nameof(words));
        }

        if (db.Database.IsSqlite())
        {
            return Sqlite(db, words, match);
        }

        if (db.Database.IsNpgsql())
        {
            return Postgres(db, words, match);
        }

        if (db.Database.IsSqlServer())
        {
            return SqlServer(db, words, match);
        }

        throw new NotSupportedException($"No full-text search for {db.Database.ProviderName}.");
    }

    // FTS5's porter stemmer knows English only. German endings are cut from the query word instead
    // ("Rechnungen" → "rechnung") and every word is a prefix term, so "rechnung*" also finds
    // "Rechnungen" and "Rechnungsadresse". The tokenizer folds umlauts, so "Zählerstände" meets "Zählerstand".
    private static IQueryable<SearchHit> Sqlite(CareDb db, IReadOnlyList<string> words, SearchMatch match)
    {
        var terms = words.Select(w => $"\"{GermanStem(w)}\"*");
        var query = string.Join(match == SearchMatch.AllWords ? " AND " : " OR ", terms);
        return db.Database.SqlQuery<SearchHit>(
            $"SELECT rowid AS Id, -bm25(PostSearch, 2.0, 1.0) AS Rank FROM PostSearch WHERE PostSearch MATCH {query}");
    }

    private static IQueryable<SearchHit> Postgres(CareDb db, IReadOnlyList<string> words, SearchMatch match)
    {
        // Each word in either language's form, as a prefix: (english(w) || german(w)) && … (or || for any word).
        var join = match == SearchMatch.AllWords ? " && " : " || ";
        var tsQuery = string.Join(join, words.Select((_, i) =>
            $"(to_tsquery('english'::regconfig, {{{i}}}) || to_tsquery('german'::regconfig, {{{i}}}))"));
        var sql = $"SELECT \"Id\", ts_rank({PostgresDocument}, s.q)::double precision AS \"Rank\" " +
                  $"FROM \"Posts\", (SELECT {tsQuery} AS q) AS s WHERE {PostgresDocument} @@ s.q";
        return db.Database.SqlQuery<SearchHit>(
            FormattableStringFactory.Create(sql, [.. words.Select(w => (object)$"{w}:*")]));
    }

    private static IQueryable<SearchHit> SqlServer(CareDb db, IReadOnlyList<string> words, SearchMatch match)
    {
        // The index is language-neutral; the query asks in English (1033) and in German (1031), whose
        // stemmers expand each word into its inflected forms. The better rank of the two counts.
        var query = SqlServerCondition(words, match);
        return db.Database.SqlQuery<SearchHit>($"""
            SELECT [h].[KEY] AS [Id], CAST(MAX([h].[RANK]) AS float) AS [Rank] FROM (
                SELECT [KEY], [RANK] FROM CONTAINSTABLE([Posts], ([Title], [Body]), {query}, LANGUAGE 1033)
                UNION ALL
                SELECT [KEY], [RANK] FROM CONTAINSTABLE([Posts], ([Title], [Body]), {query}, LANGUAGE 1031)) AS [h]
            GROUP BY [h].[KEY]
            """);
    }

    internal static string SqlServerCondition(IReadOnlyList<string> words, SearchMatch match) =>
        string.Join(
            match == SearchMatch.AllWords ? " AND " : " OR ",
            words.Select(w => $"(FORMSOF(INFLECTIONAL, \"{w}\") OR \"{w}*\")"));

    /// <summary>
    /// Search without a full-text index (a SQL Server installed without Full-Text Search, such as LocalDB):
    /// LIKE on title and body, ranked by how many words occur. Slow on large tables, but it finds the same
    /// prefixes. LOWER() folds only ASCII on some databases, so a capitalized word is matched as written too.
    /// </summary>
    public static IQueryable<SearchHit> Like(this CareDb db, IReadOnlyList<string> words, SearchMatch match)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(words);
        var post = Expression.Parameter(typeof(Post), "p");
        var mentions = words.Select(w => new ParameterSwap(Mentions(GermanStem(w))).Bind(post)).ToList();
        var condition = mentions.Aggregate(match == SearchMatch.AllWords ? Expression.AndAlso : Expression.OrElse);
        var score = mentions
            .Select(m => (Expression)Expression.Condition(m, Expression.Constant(1.0), Expression.Constant(0.0)))
            .Aggregate(Expression.Add);
        var id = Expression.Property(post, nameof(Post.Id));
        var hit = Expression.MemberInit(
            Expression.New(typeof(SearchHit)),
            Expression.Bind(typeof(SearchHit).GetProperty(nameof(SearchHit.Id))!, id),
            Expression.Bind(typeof(SearchHit).GetProperty(nameof(SearchHit.Rank))!, score));
        return db.Posts
            .Where(Expression.Lambda<Func<Post, bool>>(condition, post))
            .Select(Expression.Lambda<Func<Post, SearchHit>>(hit, post));
    }

    private static Expression<Func<Post, bool>> Mentions(string word)
    {
        var lower = $"%{word}%";
        var capitalized = $"%{char.ToUpperInvariant(word[0])}{word[1..]}%";
        return p => EF.Functions.Like(p.Title.ToLower(), lower) || EF.Functions.Like(p.Title, capitalized)
            || EF.Functions.Like(p.Body.ToLower(), lower) || EF.Functions.Like(p.Body, capitalized);
    }

    // Longest first; a stem keeps at least four letters, so short words ("bus", "app") stay whole.
    private static readonly string[] GermanEndings = ["ungen", "ern", "en", "er", "es", "em", "e", "n", "s"];

    /// <summary>Cuts a common German inflection ending ("Rechnungen" → "rechnung", "Zählerstände" → "zählerständ").</summary>
    internal static string GermanStem(string word)
    {
        foreach (var ending in GermanEndings)
        {
            if (word.Length - ending.Length >= 4 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                // "-ungen" is a plural of "-ung": keep the "ung".
                return ending == "ungen" ? word[..^2] : word[..^ending.Length];
            }
        }

        return word;
    }

    private sealed class ParameterSwap(LambdaExpression lambda) : ExpressionVisitor
    {
        private ParameterExpression? target;

        public Expression Bind(ParameterExpression to)
        {
            target = to;
            return Visit(lambda.Body);
        }

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == lambda.Parameters[0] ? target! : base.VisitParameter(node);
    }
}
