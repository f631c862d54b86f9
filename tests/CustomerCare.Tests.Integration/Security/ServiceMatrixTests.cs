using System.Reflection;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CustomerCare.Tests.Integration.Security;

/// <summary>
/// The authorization matrix in the ASVS style for every service call: each call × visitor, customer, another customer,
/// author, staff, product owner and admin, on fresh content each time. A call that takes a <see cref="Viewer"/> and has no
/// row here fails <see cref="MatrixCoverageTests"/>.
/// </summary>
public abstract class ServiceMatrixTests(Cast cast)
{
    public static IReadOnlyDictionary<string, ServiceCase> Cases { get; } =
        PostCases.All().Concat(ThanksCases.All()).Concat(MentionCases.All()).Concat(ComplaintCases.All()).Concat(AccountCases.All()).Concat(ModerationCases.All()).Concat(IntegrationCases.All())
            .ToDictionary(c => c.Covers, StringComparer.Ordinal);

    public static TheoryData<string, Persona> Cells
    {
        get
        {
            var cells = new TheoryData<string, Persona>();
            foreach (var call in Cases.Keys.Order(StringComparer.Ordinal))
            {
                foreach (var persona in Cast.Everyone)
                {
                    cells.Add(call, persona);
                }
            }

            return cells;
        }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_service_call_is_allowed_to_exactly_the_people_it_names(string call, Persona persona)
    {
        await cast.EnsurePeopleAsync(TestContext.Current.CancellationToken);
        var row = Cases[call];

        var allowed = await row.Run(cast, persona);

        Assert.True(allowed == row.Allowed.Contains(persona),
            $"{call} as {persona}: {(allowed ? "allowed" : "refused")}, but the matrix says {(row.Allowed.Contains(persona) ? "allowed" : "refused")}.");
    }
}

public sealed class SqliteServiceMatrixTests(SqliteCast cast) : ServiceMatrixTests(cast), IClassFixture<SqliteCast>;

public sealed class PostgresServiceMatrixTests(PostgresCast cast) : ServiceMatrixTests(cast), IClassFixture<PostgresCast>;

/// <summary>Nothing that decides by who asks escapes the matrix.</summary>
public sealed class MatrixCoverageTests
{
    // Rules the services ask on the viewer's behalf inside their own calls (which have rows); no page calls them.
    private static readonly HashSet<string> Helpers = new(StringComparer.Ordinal) { "ActivityLimits", "PostingRights" };

    [Fact]
    public void Every_service_call_that_takes_a_viewer_has_a_row_in_the_matrix()
    {
        var calls = typeof(Viewer).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsPublic: true } && t.Namespace?.StartsWith("CustomerCare.Web.Features", StringComparison.Ordinal) == true
                && !typeof(IComponent).IsAssignableFrom(t) && !Helpers.Contains(t.Name))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(Viewer)))
                .Select(m => $"{t.Name}.{m.Name}"))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(calls);
        var missing = calls.Where(call => !ServiceMatrixTests.Cases.ContainsKey(call)).Order(StringComparer.Ordinal).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_row_names_a_call_that_exists()
    {
        var stale = ServiceMatrixTests.Cases.Keys.Where(call =>
        {
            var (type, method) = (call.Split('.')[0], call.Split('.')[1]);
            return !typeof(Viewer).Assembly.GetTypes().Any(t => t.Name == type && t.GetMethod(method) is not null);
        }).ToList();

        Assert.Empty(stale);
    }
}
