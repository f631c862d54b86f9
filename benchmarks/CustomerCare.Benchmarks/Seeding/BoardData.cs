using CustomerCare.Data.Entities;

namespace CustomerCare.Benchmarks.Seeding;

/// <summary>
/// A board of the requested size, generated deterministically: ideas whose votes and replies follow a long
/// tail (a few ideas carry thousands of votes, most a handful), timestamps over three years, titles and
/// bodies from a German and English vocabulary. Everything an idea has comes from a random generator
/// seeded with its number, so the counters can be computed in a first pass and the rows written in a second
/// without holding a million votes in memory.
/// </summary>
public sealed class BoardData
{
    /// <summary>Every <see cref="SearchEvery"/>th idea is about bills; the search benchmark looks for them.</summary>
    public const string SearchWord = "Rechnung";

    public const int SearchEvery = 50;

    private const int Seed = 7;

    private static readonly string[] Words =
    [
        "app", "invoice", "tariff", "meter", "reading", "fibre", "router", "outage", "portal", "login", "payment",
        "Abschlag", "Zähler", "Vertrag", "Störung", "Glasfaser", "Kundenkonto", "Lastschrift", "Tarif", "Strom",
        "Gas", "Wärmepumpe", "Solar", "notification", "export", "dark", "mode", "widget", "history", "Verbrauch",
        "monthly", "Übersicht", "Anzeige", "Erinnerung", "schneller", "better", "show", "allow", "Termin", "Techniker",
    ];

    private static readonly PostStatus[] Statuses =
    [
        .. Enumerable.Repeat(PostStatus.Open, 16), PostStatus.UnderReview, PostStatus.Planned,
        PostStatus.InProgress, PostStatus.Shipped, PostStatus.Declined,
    ];

    /// <summary>People who work here: the first a product owner (who ships ideas), the rest staff (who answer complaints).</summary>
    public const int StaffCount = 12;

    private readonly int[] voteCounts;
    private readonly int[] replyCounts;

    public BoardData(BoardSize size, DateTime now)
    {
        Size = size;
        Now = Millis(now);
        voteCounts = LongTail(size.Ideas, size.Votes, cap: size.Users, new Random(Seed));
        replyCounts = LongTail(size.Ideas, size.Replies, cap: int.MaxValue, new Random(Seed + 1));
        UserIds = [.. Enumerable.Range(0, size.Users).Select(i => new Guid(i + 1, 0xCC, 0, new byte[8]).ToString())];
        StaffIds = [.. Enumerable.Range(0, StaffCount).Select(i => new Guid(i + 1, 0x5A, 0, new byte[8]).ToString())];
    }

    public BoardSize Size { get; }

    public DateTime Now { get; }

    public IReadOnlyList<string> UserIds { get; }

    public IReadOnlyList<string> StaffIds { get; }

    /// <summary>Customers since up to 13.7 years, so some votes are loyal (ten years and more) and some a newcomer's.</summary>
    public DateTime CustomerSince(int user) => Now.AddDays(-(user % 5_000));

    public IEnumerable<object?[]> Users() => UserIds.Select((id, i) => User(id, $"bench{i}@bench.local", $"Customer {i}", CustomerSince(i)))
        .Concat(StaffIds.Select((id, i) => User(id, $"staff{i}@bench.local", $"Staff {i}", Now)));

    private static object?[] User(string id, string email, string name, DateTime since) =>
    [
        id, email, email.ToUpperInvariant(), email, email.ToUpperInvariant(), true, id, id, false, false, true, 0, name, since,
    ];

    /// <summary>The staff's roles (AspNetUserRoles): only with one do their replies count as the company's answers.</summary>
    public IEnumerable<object?[]> StaffRoles() => StaffIds.Select((id, i) => new object?[] { id, i == 0 ? Roles.ProductOwnerId : Roles.StaffId });

    public static readonly string[] UserRoleColumns = ["UserId", "RoleId"];

    public static readonly string[] UserColumns =
    [
        "Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp",
        "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
        "DisplayName", "CustomerSince",
    ];

    public static readonly string[] PostColumns =
    [
        "Id", "Kind", "Title", "Body", "AuthorId", "CreatedAt", "UpdatedAt", "Status", "CategoryId", "IsPublic",
        "VoteCount", "ReplyCount", "TrendWeight", "LoyalVoteCount", "NewcomerVoteCount", "ShippedIn",
    ];

    public static readonly string[] VoteColumns = ["Id", "PostId", "UserId", "CreatedAt"];

    public static readonly string[] ReplyColumns = ["Id", "PostId", "AuthorId", "Body", "CreatedAt", "IsInternalNote", "IsResolutionProposal"];

    /// <summary>The ideas with counters that equal what <see cref="Votes"/> and <see cref="Replies"/> will write.</summary>
    public IEnumerable<object?[]> Ideas(int firstId, IReadOnlyList<int> categoryIds)
    {
        for (var i = 0; i < Size.Ideas; i++)
        {
            var rng = Rng(Seed, i, 0);
            var created = CreatedAt(i);
            var title = Title(rng, i);
            var body = $"{Sentence(rng, 12)}.\n\n- **{Sentence(rng, 3)}**\n- {Sentence(rng, 5)}\n\n{Sentence(rng, 20)}.";
            var trend = VotesOf(i).Sum(v => Post.TrendWeightAt(v.At))
                + RepliesOf(i).Where(r => !r.Internal).Sum(r => Post.TrendWeightAt(r.At));
            var publicReplies = RepliesOf(i).Count(r => !r.Internal);
            int? category = categoryIds.Count == 0 || i % 7 == 0 ? null : categoryIds[i % categoryIds.Count];
            var bands = VotesOf(i).Select(v => Post.VoterBand(CustomerSince(v.User), v.At)).ToList();
            var status = Status(i);
            yield return
            [
                firstId + i, nameof(PostKind.Idea), title, body, UserIds[i % UserIds.Count], created, created,
                status.ToString(), category, true, voteCounts[i], publicReplies, trend, bands.Sum(b => b.Loyal),
                bands.Sum(b => b.Newcomer), status == PostStatus.Shipped ? $"App {3 + (i % 4)}.{i % 10}" : null,
            ];
        }
    }

    public IEnumerable<object?[]> Votes(int firstIdeaId)
    {
        long id = 1;
        for (var i = 0; i < Size.Ideas; i++)
        {
            foreach (var (user, at) in VotesOf(i))
            {
                yield return [id++, firstIdeaId + i, UserIds[user], at];
            }
        }
    }

    public IEnumerable<object?[]> Replies(int firstIdeaId)
    {
        long id = 1;
        for (var i = 0; i < Size.Ideas; i++)
        {
            var rng = Rng(Seed, i, 3);
            foreach (var (user, at, isInternal) in RepliesOf(i))
            {
                yield return [id++, firstIdeaId + i, UserIds[user], $"{Sentence(rng, 15)}.", at, isInternal, false];
            }
        }
    }

    /// <summary>Every shipped idea's status change to Shipped, by the product owner, some time after it was proposed.</summary>
    public IEnumerable<object?[]> ShippedChanges(int firstIdeaId, long firstId)
    {
        var id = firstId;
        for (var i = 0; i < Size.Ideas; i++)
        {
            if (Status(i) == PostStatus.Shipped)
            {
                yield return [id++, firstIdeaId + i, nameof(PostStatus.InProgress), nameof(PostStatus.Shipped), StaffIds[0], ShippedAt(i)];
            }
        }
    }

    public static readonly string[] StatusChangeColumns = ["Id", "PostId", "From", "To", "ChangedById", "ChangedAt"];

    /// <summary>"Does this solve it for you?" on shipped ideas: up to six answers each (distinct people), after shipping.</summary>
    public IEnumerable<object?[]> SolvesItAnswers(int firstIdeaId)
    {
        long id = 1;
        for (var i = 0; i < Size.Ideas; i++)
        {
            if (Status(i) != PostStatus.Shipped)
            {
                continue;
            }

            var rng = Rng(Seed, i, 6);
            var (start, shipped) = (rng.Next(UserIds.Count), ShippedAt(i));
            for (var k = 0; k < Math.Min(rng.Next(7), UserIds.Count); k++)
            {
                yield return [id++, firstIdeaId + i, UserIds[(start + k) % UserIds.Count], rng.Next(10) < 7, Between(rng, shipped)];
            }
        }
    }

    public static readonly string[] SolvesItColumns = ["Id", "PostId", "UserId", "Solves", "At"];

    private static PostStatus Status(int idea) => Statuses[Rng(Seed, idea, 5).Next(Statuses.Length)];

    private DateTime ShippedAt(int idea)
    {
        var created = CreatedAt(idea);
        return Millis(created + ((Now - created) * (0.05 + (0.9 * Rng(Seed, idea, 7).NextDouble()))));
    }

    private DateTime CreatedAt(int idea) => Millis(Now.AddDays(-3 * 365 * Rng(Seed, idea, 4).NextDouble()));

    // Distinct voters: consecutive users from a random start, so (post, user) stays unique.
    private IEnumerable<(int User, DateTime At)> VotesOf(int idea)
    {
        var rng = Rng(Seed, idea, 1);
        var created = CreatedAt(idea);
        var start = rng.Next(UserIds.Count);
        for (var k = 0; k < voteCounts[idea]; k++)
        {
            yield return ((start + k) % UserIds.Count, Between(rng, created));
        }
    }

    // One reply in twenty is an internal note, which neither counts nor trends.
    private IEnumerable<(int User, DateTime At, bool Internal)> RepliesOf(int idea)
    {
        var rng = Rng(Seed, idea, 2);
        var created = CreatedAt(idea);
        for (var k = 0; k < replyCounts[idea]; k++)
        {
            yield return (rng.Next(UserIds.Count), Between(rng, created), rng.Next(20) == 0);
        }
    }

    /// <summary>
    /// The generator of one row's part: seeded from fixed numbers only (HashCode.Combine is salted per process), so two runs,
    /// and the SQLite and PostgreSQL halves of one, seed the same rows.
    /// </summary>
    internal static Random Rng(int seed, int row, int part) => new(unchecked((((seed * 1_000_003) + row) * 31) + part));

    internal DateTime Between(Random rng, DateTime from) => Millis(from + (Now - from) * rng.NextDouble());

    // Whole milliseconds, as VoteService writes them, so a withdrawal takes back exactly the weight added.
    internal static DateTime Millis(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    private static string Title(Random rng, int idea)
    {
        var title = Sentence(rng, 3 + rng.Next(4));
        title = idea % SearchEvery == 0 ? $"{SearchWord} {title}" : title;
        return char.ToUpperInvariant(title[0]) + title[1..];
    }

    internal static string Sentence(Random rng, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[rng.Next(Words.Length)]));

    /// <summary>
    /// <paramref name="total"/> spread over <paramref name="items"/> in proportion to rank^-0.7 (ranks shuffled),
    /// at most <paramref name="cap"/> each; the rounding remainder goes one by one to items below the cap.
    /// </summary>
    private static int[] LongTail(int items, int total, int cap, Random rng)
    {
        if ((long)items * cap < total)
        {
            throw new ArgumentException($"{total:N0} rows do not fit {items:N0} items of at most {cap:N0}.");
        }

        var ranks = Enumerable.Range(1, items).ToArray();
        rng.Shuffle(ranks);
        var weights = ranks.Select(r => Math.Pow(r, -0.7)).ToArray();
        var sum = weights.Sum();
        var counts = weights.Select(w => Math.Min(cap, (int)(w / sum * total))).ToArray();
        var left = total - counts.Sum(c => (long)c);
        for (var i = 0; left > 0; i = (i + 1) % items)
        {
            if (counts[i] < cap)
            {
                counts[i]++;
                left--;
            }
        }

        return counts;
    }
}
