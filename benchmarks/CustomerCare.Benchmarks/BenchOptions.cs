using CustomerCare.Data;

namespace CustomerCare.Benchmarks;

/// <summary>
/// What one run measures: which suites, on which databases, at which size. <see cref="Smoke"/> shrinks every
/// size so the whole suite runs in seconds (the test that keeps it from rotting); it checks, it does not time.
/// </summary>
public sealed record BenchOptions
{
    public const string PostgresVariable = "CUSTOMERCARE_BENCH_POSTGRES";

    // test.sh exports this for its throwaway cluster; the smoke test and benchmarks/run reuse it.
    public const string TestPostgresVariable = "CUSTOMERCARE_TEST_POSTGRES";

    public const string ChromiumVariable = "CUSTOMERCARE_CHROMIUM";

    /// <summary>Suites of the server alone (any database).</summary>
    public static readonly string[] ServerSuites = ["board", "votes", "fanout", "api", "insights"];

    /// <summary>
    /// Suites that drive Chromium against the full portal (issue 7, items 2, 3 and 6), and the visitors at scale (issue 23,
    /// item 4), which opens circuits in Chromium beside its visitors for today's figure.
    /// </summary>
    public static readonly string[] BrowserSuites = ["seen", "memory", "pageload", "visitors"];

    public static readonly string[] AllSuites = [.. ServerSuites, .. BrowserSuites];

    public required IReadOnlyList<string> Suites { get; init; }

    public required IReadOnlyList<DatabaseProvider> Providers { get; init; }

    public bool Smoke { get; init; }

    /// <summary>Base connection string of a PostgreSQL server where the suite may create and drop databases.</summary>
    public string? PostgresServer { get; init; }

    /// <summary>Debian's Chromium, which Playwright drives (it never downloads a browser).</summary>
    public string Chromium { get; init; } =
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium";

    /// <summary>Where progress bars and status lines go (the console; a test's output in smoke mode).</summary>
    public TextWriter Log { get; init; } = Console.Error;

    /// <summary>Progress bars redraw one line; off when the log is not a terminal.</summary>
    public bool LiveProgress { get; init; }

    public BoardSize Board => Smoke ? BoardSize.Smoke : BoardSize.Full;

    public VoteSize Votes => Smoke ? VoteSize.Smoke : VoteSize.Full;

    public FanOutSize FanOut => Smoke ? FanOutSize.Smoke : FanOutSize.Full;

    public BrowserSize Browser => Smoke ? BrowserSize.Smoke : BrowserSize.Full;

    public InsightsSize Insights => Smoke ? InsightsSize.Smoke : InsightsSize.Full;

    /// <summary>The visitor counts to measure instead of the size's (<c>--visitors 1000,5000</c>).</summary>
    public IReadOnlyList<int>? VisitorCounts { get; init; }

    public VisitorSize Visitors => (Smoke ? VisitorSize.Smoke : VisitorSize.Full) is var size && VisitorCounts is { Count: > 0 } counts
        ? size with { Visitors = counts }
        : size;

    public static string? PostgresFromEnvironment() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable(TestPostgresVariable) is { Length: > 0 } test ? test : null;
}

/// <summary>The board at scale: issue 7 asks for 100,000 ideas, 1,000,000 votes and 200,000 replies.</summary>
public sealed record BoardSize(int Users, int Ideas, int Votes, int Replies, int Iterations, int ReferenceIterations, int WarmUp)
{
    public static BoardSize Full { get; } = new(20_000, 100_000, 1_000_000, 200_000, 300, 20, 30);

    public static BoardSize Smoke { get; } = new(60, 300, 3_000, 600, 3, 2, 1);
}

/// <summary>Concurrent voters, each toggling votes on a shared set of ideas through the real VoteService.</summary>
public sealed record VoteSize(int Users, int Ideas, int TogglesPerUser, TimeSpan Duration)
{
    public static VoteSize Full { get; } = new(50, 200, 2_000, TimeSpan.FromSeconds(20));

    public static VoteSize Smoke { get; } = new(8, 10, 15, TimeSpan.FromSeconds(10));
}

/// <summary>
/// The browser suites: open idea pages and replies timed to each (item 2), idle circuits per page kind (item 3),
/// cold page loads per page kind (item 6), and how many pages open at once (Chromium and the server share two cores).
/// </summary>
public sealed record BrowserSize(IReadOnlyList<int> SeenPages, int SeenRounds, int Circuits, int PageLoads, int OpenConcurrency)
{
    public static BrowserSize Full { get; } = new([10, 50], 20, 100, 30, 4);

    public static BrowserSize Smoke { get; } = new([2], 2, 2, 2, 2);
}

/// <summary>Subscribers of one idea's thread (issue 7 asks for 100 and 1,000) and the replies timed for each.</summary>
public sealed record FanOutSize(IReadOnlyList<int> Subscribers, int Rounds)
{
    // 200 rounds: with 40, p99 was the single worst round, and a stall of the process (which hosts the clients
    // too) decided the ratio by which path it happened to hit (docs/benchmarks.md, run 6).
    public static FanOutSize Full { get; } = new([100, 1_000], 200);

    public static FanOutSize Smoke { get; } = new([5], 2);
}

/// <summary>
/// The insights at scale (issue 21, item 4): complaints beside the board's ideas, timed calls per report and per story or
/// profile, and how many complaints' waits are compared with a rebuild.
/// </summary>
public sealed record InsightsSize(int Complaints, int ReportIterations, int ProfileIterations, int WarmUp, int WaitSample)
{
    public static InsightsSize Full { get; } = new(50_000, 100, 300, 10, 500);

    public static InsightsSize Smoke { get; } = new(300, 2, 2, 1, 50);
}

/// <summary>
/// The visitors at scale (issue 23, item 4): how many visitors at once, the vote rounds timed at each count, how many
/// connect at a time, how long they idle before the heap is read, the throughput loop's length and concurrency, the
/// circuits opened for today's figure, the warm-up's visitors, and the board they read (a modest one: the page is what
/// counts, not the database).
/// </summary>
public sealed record VisitorSize(
    IReadOnlyList<int> Visitors, int Rounds, int ConnectConcurrency, TimeSpan Idle, TimeSpan LoadDuration, int LoadConcurrency, int Circuits,
    int WarmUp, BoardSize Board)
{
    // 100 rounds: with 30, p99 was one round's stall (the machine was loaded), and it fell on either path.
    public static VisitorSize Full { get; } = new(
        [1_000, 5_000, 10_000], 100, 32, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), 32, 100, 50, new BoardSize(2_000, 5_000, 50_000, 10_000, 0, 0, 0));

    public static VisitorSize Smoke { get; } = new([20], 2, 8, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 8, 2, 5, BoardSize.Smoke);
}
