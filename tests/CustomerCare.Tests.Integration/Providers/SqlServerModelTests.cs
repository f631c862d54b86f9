using System.Globalization;
using System.Text.RegularExpressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerCare.Tests.Integration.Providers;

/// <summary>
/// SQL Server cannot run on this machine, so what it would refuse or silently get wrong is checked here,
/// against the model and against the operations its migrations really contain.
/// </summary>
public sealed class SqlServerModelTests : IDisposable
{
    private static readonly Type[] Content = [typeof(Post), typeof(Vote), typeof(Reply), typeof(StatusChange), typeof(AuditEntry)];

    private readonly CareDb db = OfflineDatabase.Create(DatabaseProvider.SqlServer);

    private IModel Model => db.GetService<IDesignTimeModel>().Model;

    public void Dispose() => db.Dispose();

    [Fact]
    public void SqlServer_content_never_cascades_from_a_user()
    {
        var userKeys = Content
            .SelectMany(t => Model.FindEntityType(t)!.GetForeignKeys())
            .Where(fk => fk.PrincipalEntityType.ClrType == typeof(CareUser))
            .ToList();

        Assert.Equal(Content.Length, userKeys.Select(fk => fk.DeclaringEntityType.ClrType).Distinct().Count());
        Assert.All(userKeys, fk => Assert.True(
            fk.DeleteBehavior is not (DeleteBehavior.Cascade or DeleteBehavior.SetNull),
            $"{fk.DeclaringEntityType.ClrType.Name}.{fk.Properties[0].Name} deletes with {fk.DeleteBehavior}: content must not follow a user."));
    }

    [Fact]
    public void SqlServer_migrations_do_not_cascade_from_users_into_content()
    {
        var edges = MigrationEdges();
        var contentTables = Content.Select(t => Model.FindEntityType(t)!.GetTableName()!).ToHashSet(StringComparer.Ordinal);

        var fromUsers = edges.Where(e => e.Principal == "AspNetUsers" && contentTables.Contains(e.Dependent)).ToList();

        Assert.Equal(contentTables.Count, fromUsers.Select(e => e.Dependent).Distinct(StringComparer.Ordinal).Count());
        Assert.All(fromUsers, e => Assert.False(e.Cascades, $"{e.Name} deletes with {e.Action}."));
    }

    [Fact]
    public void SqlServer_model_has_no_cascade_cycles_or_multiple_cascade_paths()
    {
        var edges = CascadePaths.FromModel(Model);

        Assert.Contains(edges, e => e.Cascades);
        Assert.Empty(CascadePaths.Violations(edges));
    }

    [Fact]
    public void SqlServer_migrations_have_no_cascade_cycles_or_multiple_cascade_paths()
    {
        var edges = MigrationEdges();

        Assert.Contains(edges, e => e is { Principal: "Posts", Dependent: "Votes", Cascades: true });
        Assert.Empty(CascadePaths.Violations(edges));
    }

    [Fact]
    public void Cascade_check_catches_the_paths_SqlServer_refuses()
    {
        // The checker itself: user → post → vote plus user → vote is exactly what SQL Server rejects.
        ForeignKeyEdge[] twoPaths =
        [
            new("FK_Posts_Users", "Users", "Posts", ReferentialAction.Cascade),
            new("FK_Votes_Posts", "Posts", "Votes", ReferentialAction.Cascade),
            new("FK_Votes_Users", "Users", "Votes", ReferentialAction.Cascade),
        ];
        ForeignKeyEdge[] selfCascade = [new("FK_Replies_Parent", "Replies", "Replies", ReferentialAction.Cascade)];

        Assert.NotEmpty(CascadePaths.Violations(twoPaths));
        Assert.NotEmpty(CascadePaths.Violations(selfCascade));
        Assert.Empty(CascadePaths.Violations([twoPaths[0], twoPaths[1], twoPaths[2] with { Action = ReferentialAction.Restrict }]));
    }

    [Fact]
    public void SqlServer_index_keys_fit_the_size_limits()
    {
        // nvarchar(max) cannot be an index key anywhere. Keys over 900 (clustered) / 1700 bytes are only a
        // warning until a long value arrives; Identity's stock composite keys are declared that wide but
        // hold GUIDs and short provider names, so the width is checked on the portal's own tables.
        var problems = new List<string>();
        foreach (var table in Model.GetRelationalModel().Tables)
        {
            var own = !table.Name.StartsWith("AspNet", StringComparison.Ordinal);
            if (table.PrimaryKey is { } pk)
            {
                Check(problems, $"{table.Name} primary key", pk.Columns, own ? 900 : int.MaxValue);
            }

            foreach (var index in table.Indexes)
            {
                Check(problems, index.Name, index.Columns, own ? 1700 : int.MaxValue);
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void SqlServer_unique_indexes_on_nullable_columns_are_filtered()
    {
        // SQL Server treats NULLs as equal in a unique index: unfiltered, only one row could leave it empty.
        var unfiltered = Model.GetRelationalModel().Tables
            .SelectMany(t => t.Indexes)
            .Where(i => i.IsUnique && i.Columns.Any(c => c.IsNullable) && i.Filter?.Contains("IS NOT NULL", StringComparison.OrdinalIgnoreCase) != true)
            .Select(i => i.Name)
            .ToList();

        Assert.Empty(unfiltered);
    }

    [Fact]
    public void SqlServer_vote_uniqueness_is_a_real_unique_index_on_post_and_user()
    {
        var votes = Model.GetRelationalModel().Tables.Single(t => t.Name == "Votes");

        var unique = Assert.Single(votes.Indexes, i => i.IsUnique);

        Assert.Equal(["PostId", "UserId"], unique.Columns.Select(c => c.Name));
        Assert.Null(unique.Filter);
        Assert.Equal("nvarchar(450)", votes.FindColumn("UserId")!.StoreType);
    }

    [Fact]
    public void SqlServer_idempotent_script_guards_each_migration_with_the_history_table()
    {
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var id in db.Database.GetMigrations())
        {
            Assert.Matches(
                $@"IF NOT EXISTS \(\s*SELECT \* FROM \[__EFMigrationsHistory\]\s*WHERE \[MigrationId\] = N'{Regex.Escape(id)}'\s*\)",
                script);
        }

        Assert.Matches(@"CREATE UNIQUE INDEX \[IX_Votes_PostId_UserId\] ON \[Votes\] \(\[PostId\], \[UserId\]\)", script);
    }

    [Fact]
    public void SqlServer_search_asks_the_full_text_index_in_English_and_German()
    {
        var sql = db.FullText(PostSearch.Words("Rechnungen Zähler!"), SearchMatch.AllWords).ToQueryString();

        Assert.Contains("CONTAINSTABLE([Posts], ([Title], [Body])", sql, StringComparison.Ordinal);
        Assert.Contains("LANGUAGE 1033", sql, StringComparison.Ordinal);
        Assert.Contains("LANGUAGE 1031", sql, StringComparison.Ordinal);
        Assert.Equal(
            "(FORMSOF(INFLECTIONAL, \"rechnungen\") OR \"rechnungen*\") AND (FORMSOF(INFLECTIONAL, \"zähler\") OR \"zähler*\")",
            PostSearch.SqlServerCondition(PostSearch.Words("Rechnungen Zähler!"), SearchMatch.AllWords));
    }

    [Fact]
    public void SqlServer_migrations_create_the_full_text_index_outside_a_transaction()
    {
        var script = db.GetService<IMigrator>().GenerateScript();

        var catalog = script.IndexOf("CREATE FULLTEXT CATALOG [CustomerCareSearch]", StringComparison.Ordinal);
        var index = script.IndexOf("CREATE FULLTEXT INDEX ON [Posts] ([Title] LANGUAGE 0, [Body] LANGUAGE 0) KEY INDEX [PK_Posts]", StringComparison.Ordinal);
        Assert.True(catalog > 0 && index > catalog, "The full-text catalog and index are not in the SQL Server script.");

        // SQL Server refuses full-text DDL inside a user transaction: the last BEGIN TRANSACTION before
        // them must have been committed already.
        var lastBegin = script.LastIndexOf("BEGIN TRANSACTION", catalog, StringComparison.Ordinal);
        var commit = script.IndexOf("COMMIT", lastBegin, StringComparison.Ordinal);
        Assert.InRange(commit, lastBegin, catalog);
    }

    private IReadOnlyList<ForeignKeyEdge> MigrationEdges() =>
        CascadePaths.FromMigrations(db.GetService<IMigrationsAssembly>(), db.Database.ProviderName!);

    private static void Check(List<string> problems, string what, IEnumerable<IColumn> columns, int limit)
    {
        var list = columns.ToList();
        if (list.FirstOrDefault(c => c.StoreType.Contains("(max)", StringComparison.OrdinalIgnoreCase)) is { } unbounded)
        {
            problems.Add($"{what}: {unbounded.Name} is {unbounded.StoreType}, which cannot be an index key");
            return;
        }

        var bytes = list.Sum(c => KeyBytes(c.StoreType));
        if (bytes > limit)
        {
            problems.Add($"{what}: {bytes} bytes, over SQL Server's {limit}");
        }
    }

    private static int KeyBytes(string storeType)
    {
        var sized = Regex.Match(storeType, @"^(?<type>n?(?:var)?char|varbinary|binary)\((?<n>\d+)\)$", RegexOptions.IgnoreCase);
        if (sized.Success)
        {
            var n = int.Parse(sized.Groups["n"].Value, CultureInfo.InvariantCulture);
            return sized.Groups["type"].Value.StartsWith("n", StringComparison.OrdinalIgnoreCase) ? 2 * n : n;
        }

        return storeType.ToUpperInvariant() switch
        {
            "BIT" or "TINYINT" => 1,
            "SMALLINT" => 2,
            "INT" => 4,
            "UNIQUEIDENTIFIER" => 16,
            _ => 8,
        };
    }
}
