using CustomerCare.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CustomerCare.Tests.Integration.PersonalData;

/// <summary>
/// Looks for a text in every string column of every table the EF model maps, and in the provider's search index (not an
/// EF table on SQLite; a generated column on PostgreSQL). Identifiers in double quotes and LOWER/LIKE read the same on
/// SQLite and PostgreSQL, so one query per column serves both.
/// </summary>
internal static class DeletedDataScan
{
    public static async Task<IReadOnlyList<string>> FindAsync(CareDb db, string text, CancellationToken ct)
    {
        var found = new List<string>();
        var pattern = $"%{text.ToLowerInvariant()}%";
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string)))
            {
                var column = property.GetColumnName(table);
                if (column is null)
                {
                    continue;
                }

                var sql = $$"""SELECT COUNT(*) AS "Value" FROM "{{table.Name}}" WHERE LOWER("{{column}}") LIKE {0}""";
                if (await db.Database.SqlQueryRaw<int>(sql, pattern).SingleAsync(ct) > 0)
                {
                    found.Add($"{table.Name}.{column}");
                }
            }
        }

        // The words a search would be asked for: the name's, or an address's part before the @ (its domain is shared).
        foreach (var word in text.Split('@')[0].Split(' ', '.', '-', '+').Where(w => w.Length > 3))
        {
            if (await InSearchIndexAsync(db, word, ct))
            {
                found.Add($"search index: {word}");
            }
        }

        return found;
    }

    private static async Task<bool> InSearchIndexAsync(CareDb db, string word, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            // FTS5 over Posts' content: a MATCH reads the index itself, so a token left behind by an erased row is found.
            return await db.Database.SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM "PostSearch" WHERE "PostSearch" MATCH {0}""", $"\"{word}\"")
                .SingleAsync(ct) > 0;
        }

        if (db.Database.IsNpgsql())
        {
            return await db.Database.SqlQueryRaw<int>(
                """SELECT COUNT(*)::int AS "Value" FROM "Posts" WHERE "SearchVector" @@ (plainto_tsquery('english', {0}) || plainto_tsquery('german', {0}))""",
                word).SingleAsync(ct) > 0;
        }

        throw new NotSupportedException($"No search index scan for {db.Database.ProviderName}.");
    }
}
