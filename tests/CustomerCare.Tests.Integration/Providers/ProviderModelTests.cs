using System.Text.RegularExpressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerCare.Tests.Integration.Providers;

/// <summary>
/// The offline proof for every provider: model, migrations and scripts, without a server. For SQL Server
/// this is the whole bar (it cannot run here), so SqlServerModelTests goes further.
/// </summary>
public sealed class ProviderModelTests
{
    // Quotes differ: "Posts" on SQLite and PostgreSQL, [Posts] on SQL Server.
    private const string Q1 = "[\"\\[]";
    private const string Q2 = "[\"\\]]";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Model_builds_for_the_provider_without_connecting(DatabaseProvider provider)
    {
        using var db = OfflineDatabase.Create(provider);

        var model = db.GetService<IDesignTimeModel>().Model;

        Assert.Equal(OfflineDatabase.ExpectedProviderName(provider), db.Database.ProviderName);
        Assert.Equal(OfflineDatabase.ExpectedMigrationsAssembly(provider), db.GetService<IMigrationsAssembly>().Assembly.GetName().Name);
        foreach (var entity in new[] { typeof(CareUser), typeof(Post), typeof(Vote), typeof(Reply), typeof(StatusChange) })
        {
            Assert.NotNull(model.FindEntityType(entity));
        }

        Assert.False(Directory.Exists(OfflineDatabase.SqliteFolderThatMustNotAppear), "Building the model must not touch the database.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Migrations_are_up_to_date_with_the_model(DatabaseProvider provider)
    {
        using var db = OfflineDatabase.Create(provider);

        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"The model changed since the last {provider} migration: add one with dotnet ef migrations add NAME --project src/{OfflineDatabase.ExpectedMigrationsAssembly(provider)}.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Create_script_has_the_posts_and_votes_tables_and_the_unique_vote_index(DatabaseProvider provider)
    {
        using var db = OfflineDatabase.Create(provider);

        var script = db.Database.GenerateCreateScript();

        Assert.Matches($"CREATE TABLE {Q1}Posts{Q2}", script);
        Assert.Matches($"CREATE TABLE {Q1}Votes{Q2}", script);
        Assert.Matches($"CREATE UNIQUE INDEX {Q1}IX_Votes_PostId_UserId{Q2} ON {Q1}Votes{Q2} \\({Q1}PostId{Q2}, {Q1}UserId{Q2}\\)", script);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Provider_migrations_assembly_holds_at_least_one_migration(DatabaseProvider provider)
    {
        using var db = OfflineDatabase.Create(provider);

        var migrations = db.Database.GetMigrations().ToList();

        Assert.NotEmpty(migrations);
        var assembly = db.GetService<IMigrationsAssembly>();
        Assert.All(migrations, id => Assert.Equal(
            OfflineDatabase.ExpectedMigrationsAssembly(provider),
            assembly.Migrations[id].Assembly.GetName().Name));
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Idempotent_migration_script_generates_offline_and_guards_every_migration(DatabaseProvider provider)
    {
        using var db = OfflineDatabase.Create(provider);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var id in db.Database.GetMigrations())
        {
            // Guarded by a look-up in the history table, then recorded there: at least twice per migration.
            Assert.True(
                Regex.Count(script, Regex.Escape($"'{id}'")) >= 2,
                $"Migration {id} is not guarded and recorded in the idempotent {provider} script.");
        }

        AssertCompleteMigrationScript(db, script);
    }

    [Fact]
    public void Sqlite_full_migration_script_generates_offline()
    {
        // EF Core cannot make idempotent scripts for SQLite (NotSupportedException: SQLite has no IF
        // blocks); SQLite databases are migrated by the portal itself at start, so the full script is the bar.
        using var db = OfflineDatabase.Create(DatabaseProvider.Sqlite);

        var script = db.GetService<IMigrator>().GenerateScript();

        AssertCompleteMigrationScript(db, script);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Migrations_create_every_table_of_the_model(DatabaseProvider provider)
    {
        using var db = OfflineDatabase.Create(provider);
        var tableName = new Regex($"CREATE TABLE (?:IF NOT EXISTS )?{Q1}(?<name>[^\"\\]]+){Q2}");

        var fromModel = TableNames(tableName, db.Database.GenerateCreateScript());
        var fromMigrations = TableNames(tableName, db.GetService<IMigrator>().GenerateScript());

        Assert.Contains("Posts", fromModel);
        Assert.Subset(fromMigrations, fromModel);
    }

    private static HashSet<string> TableNames(Regex pattern, string script) =>
        [.. pattern.Matches(script).Select(m => m.Groups["name"].Value)];

    private static void AssertCompleteMigrationScript(CareDb db, string script)
    {
        Assert.Contains("__EFMigrationsHistory", script, StringComparison.Ordinal);
        Assert.All(db.Database.GetMigrations(), id => Assert.Contains($"'{id}'", script, StringComparison.Ordinal));

        // The four roles are part of every database from the first migration, demo data or not.
        Assert.All(
            new[] { Roles.CustomerId, Roles.StaffId, Roles.ProductOwnerId, Roles.AdminId },
            roleId => Assert.Contains(roleId, script, StringComparison.Ordinal));
    }
}
