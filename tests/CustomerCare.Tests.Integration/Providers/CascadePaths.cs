using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace CustomerCare.Tests.Integration.Providers;

/// <summary>A foreign key as the database sees it: deleting a Principal row does Action to Dependent rows.</summary>
internal sealed record ForeignKeyEdge(string Name, string Principal, string Dependent, ReferentialAction Action)
{
    /// <summary>SQL Server counts every action except NO ACTION (EF's Restrict is emitted as NO ACTION there).</summary>
    public bool Cascades => Action is ReferentialAction.Cascade or ReferentialAction.SetNull or ReferentialAction.SetDefault;
}

/// <summary>
/// SQL Server refuses a foreign key that "may cause cycles or multiple cascade paths" (error 1785):
/// from any table there may be at most one cascading route to another, and none back to itself.
/// </summary>
internal static class CascadePaths
{
    public static IReadOnlyList<ForeignKeyEdge> FromModel(IModel model) =>
        [.. model.GetRelationalModel().Tables
            .SelectMany(t => t.ForeignKeyConstraints)
            .Select(fk => new ForeignKeyEdge(fk.Name, fk.PrincipalTable.Name, fk.Table.Name, fk.OnDeleteAction))];

    /// <summary>The foreign keys the migrations really create, replayed in order: what the server would receive.</summary>
    public static IReadOnlyList<ForeignKeyEdge> FromMigrations(IMigrationsAssembly assembly, string activeProvider)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var edges = new Dictionary<(string Table, string Name), ForeignKeyEdge>();
        foreach (var type in assembly.Migrations.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Value))
        {
            foreach (var operation in assembly.CreateMigration(type, activeProvider).UpOperations)
            {
                switch (operation)
                {
                    case CreateTableOperation create:
                        create.ForeignKeys.ForEach(fk => Add(edges, fk));
                        break;
                    case AddForeignKeyOperation add:
                        Add(edges, add);
                        break;
                    case DropForeignKeyOperation drop:
                        edges.Remove((drop.Table, drop.Name));
                        break;
                    case DropTableOperation drop:
                        foreach (var key in edges.Keys.Where(k => k.Table == drop.Name).ToList())
                        {
                            edges.Remove(key);
                        }

                        break;
                }
            }
        }

        return [.. edges.Values];
    }

    /// <summary>Every way SQL Server's rule is broken, described for the failure message; empty when it holds.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyList<ForeignKeyEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var cascading = edges.Where(e => e.Cascades).ToLookup(e => e.Principal, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var start in cascading.Select(g => g.Key))
        {
            var reached = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            Walk(start, [start], cascading, reached, problems);
            problems.AddRange(reached
                .Where(r => r.Value.Count > 1)
                .Select(r => $"{r.Key} is reached from {start} by {r.Value.Count} cascade paths: {string.Join(" | ", r.Value)}"));
        }

        return problems;
    }

    private static void Walk(
        string table, List<string> path, ILookup<string, ForeignKeyEdge> cascading, Dictionary<string, List<string>> reached, List<string> problems)
    {
        foreach (var edge in cascading[table])
        {
            var route = string.Join(" → ", path.Append($"{edge.Dependent} ({edge.Name})"));
            if (path.Contains(edge.Dependent, StringComparer.Ordinal))
            {
                problems.Add($"cascade cycle: {route}");
                continue;
            }

            if (!reached.TryGetValue(edge.Dependent, out var routes))
            {
                reached[edge.Dependent] = routes = [];
            }

            routes.Add(route);
            Walk(edge.Dependent, [.. path, edge.Dependent], cascading, reached, problems);
        }
    }

    private static void Add(Dictionary<(string Table, string Name), ForeignKeyEdge> edges, AddForeignKeyOperation fk) =>
        edges[(fk.Table, fk.Name)] = new ForeignKeyEdge(fk.Name, fk.PrincipalTable, fk.Table, fk.OnDelete);
}
