namespace CustomerCare.Data.Entities;

public sealed class Post
{
    /// <summary>Origin of <see cref="TrendWeight"/>; with a 30-day scale a double holds weights for ~58 years.</summary>
    public static readonly DateTime TrendEpoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly TimeSpan TrendScale = TimeSpan.FromDays(30);

    /// <summary>The weight one vote or reply made at <paramref name="at"/> adds to <see cref="TrendWeight"/>.</summary>
    public static double TrendWeightAt(DateTime at) => Math.Exp((at - TrendEpoch) / TrendScale);

    public const int TitleMinLength = 5;
    public const int TitleMaxLength = 120;
    public const int BodyMaxLength = 10_000;
    public const int ReleaseMaxLength = 40;
    public const int RemovalReasonMaxLength = 500;
    public const int ReferenceMaxLength = 60;
    public const int RatingMin = 1;
    public const int RatingMax = 5;
    public const int RatingCommentMaxLength = 1_000;

    public int Id { get; set; }

    public required PostKind Kind { get; set; }

    public required string Title { get; set; }

    /// <summary>Markdown as the author typed it; rendered only through the one sanitizer.</summary>
    public required string Body { get; set; }

    public required string AuthorId { get; set; }

    public CareUser? Author { get; set; }

    public required DateTime CreatedAt { get; set; }

    public required DateTime UpdatedAt { get; set; }

    public PostStatus Status { get; set; } = PostStatus.Open;

    public int? CategoryId { get; set; }

    public Category? Category { get; set; }

    /// <summary>The release a shipped idea went out with ("App 3.2"); the changelog groups by it.</summary>
    public string? ShippedIn { get; set; }

    /// <summary>Complaints are private (customer and staff only) unless the customer makes them public.</summary>
    public bool IsPublic { get; set; } = true;

    /// <summary>Denormalized: the unique index on <see cref="Vote"/> is the truth, this is kept in the same transaction.</summary>
    public int VoteCount { get; set; }

    /// <summary>
    /// Denormalized, in the same transaction as <see cref="VoteCount"/>: the votes of people who had been customers for
    /// <see cref="LoyalYears"/> years or more when they voted, and of those who had been for less than
    /// <see cref="NewcomerYears"/>. What the loyal and the newest want is then one indexed read, not a scan of all votes.
    /// </summary>
    public int LoyalVoteCount { get; set; }

    /// <inheritdoc cref="LoyalVoteCount"/>
    public int NewcomerVoteCount { get; set; }

    public const int LoyalYears = 10;
    public const int NewcomerYears = 1;

    /// <summary>Whether a vote cast at <paramref name="votedAt"/> by a customer since <paramref name="customerSince"/> counts as loyal, as a newcomer's, or neither.</summary>
    /// <remarks>A voter the database does not know (an account gone meanwhile) is in no band; the vote's insert fails anyway.</remarks>
    public static (int Loyal, int Newcomer) VoterBand(DateTime? customerSince, DateTime votedAt) => customerSince is { } since
        ? (since <= votedAt.AddYears(-LoyalYears) ? 1 : 0, since > votedAt.AddYears(-NewcomerYears) ? 1 : 0)
        : (0, 0);

    /// <summary>Adds (<paramref name="delta"/> 1) or takes back (−1) a vote on a tracked post: its count and its voter's band.</summary>
    public void CountVote(DateTime? customerSince, DateTime votedAt, int delta)
    {
        var (loyal, newcomer) = VoterBand(customerSince, votedAt);
        VoteCount += delta;
        LoyalVoteCount += loyal * delta;
        NewcomerVoteCount += newcomer * delta;
    }

    /// <summary>Denormalized count of public replies (internal notes excluded), kept in the same transaction.</summary>
    public int ReplyCount { get; set; }

    /// <summary>
    /// Trending weight: every vote and reply adds e^((t − TrendEpoch) / TrendScale), so activity of the
    /// last month outweighs everything before it, and the board sorts on one indexed column. Additive,
    /// hence updated atomically (<c>TrendWeight + w</c>) in the same transaction as the vote.
    /// </summary>
    public double TrendWeight { get; set; }

    /// <summary>A duplicate points to the idea it was merged into; its votes moved there.</summary>
    public int? MergedIntoId { get; set; }

    public Post? MergedInto { get; set; }

    /// <summary>The staff reply pinned on top of the idea as the company's official answer.</summary>
    public long? OfficialAnswerId { get; set; }

    public Reply? OfficialAnswer { get; set; }

    /// <summary>
    /// "The answer": the reply that answered a public post, marked by the post's author or someone who works here
    /// (<see cref="AnswerMarkedById"/>). Unlike <see cref="OfficialAnswerId"/> it may be a customer's reply; the thread
    /// shows it first. On a public complaint, its customer accepting another customer's answer also solves it.
    /// </summary>
    public long? AnswerId { get; set; }

    public Reply? Answer { get; set; }

    public string? AnswerMarkedById { get; set; }

    public DateTime? AnswerMarkedAt { get; set; }

    /// <summary>Removal is soft: the row stays for the audit trail, the portal no longer shows it.</summary>
    public DateTime? RemovedAt { get; set; }

    public string? RemovedById { get; set; }

    public string? RemovalReason { get; set; }

    /// <summary>
    /// Set while the idea waits for approval by the team (Moderation:Hold, or link-heavy or repeated text from a new
    /// account): only its author and people who work here see it, no list shows it, nobody is told of it.
    /// </summary>
    public DateTime? HeldAt { get; set; }

    /// <summary>Why it waits; kept after approval so the queue's decision can be understood later.</summary>
    public HoldReason? HoldReason { get; set; }

    /// <summary>A complaint's mood as the customer gave it when filing; null for ideas.</summary>
    public ComplaintMood? Mood { get; set; }

    /// <summary>A complaint's order, contract or invoice number, as the customer typed it.</summary>
    public string? Reference { get; set; }

    /// <summary>The staff member who takes care of a complaint; every change is a <see cref="ComplaintHandover"/>.</summary>
    public string? OwnerId { get; set; }

    public CareUser? Owner { get; set; }

    /// <summary>
    /// When a complaint's answer target was breached and it went up to the team lead; null again once staff answer.
    /// The escalation job sets it at most once per wait, so the warning is not repeated every minute.
    /// </summary>
    public DateTime? EscalatedAt { get; set; }

    /// <summary>
    /// How a solved complaint ended: the customer confirmed it, or staff closed it after the configured silence.
    /// Null while open and again after the customer reopens it; the status history keeps every turn.
    /// </summary>
    public ComplaintOutcome? Outcome { get; set; }

    /// <summary>The customer's satisfaction (1–5), given once after confirming; reopening keeps it.</summary>
    public int? Rating { get; set; }

    public string? RatingComment { get; set; }

    public DateTime? RatedAt { get; set; }

    /// <summary>The idea a complaint led to ("your complaint led to this idea"); staff set it.</summary>
    public int? LinkedIdeaId { get; set; }

    public Post? LinkedIdea { get; set; }

    public string? LinkedIdeaById { get; set; }

    public DateTime? LinkedIdeaAt { get; set; }

    /// <summary>
    /// When the retention job anonymized this closed complaint: its text, reference, rating comment and thread texts are
    /// gone and the customer is the "former customer" placeholder; kind, status, outcome, mood, rating and dates stay.
    /// </summary>
    public DateTime? AnonymizedAt { get; set; }

    /// <summary>
    /// The title an anonymized complaint keeps in <see cref="Title"/>: a fixed marker, not words for a reader. The display
    /// layer shows it in the reader's language ("Anonymized complaint", "Anonymisierte Reklamation"). Its value is the
    /// English words complaints were anonymized with before, so those need no migration.
    /// </summary>
    public const string AnonymizedTitle = "Anonymized complaint";

    public List<ComplaintHandover> Handovers { get; } = [];

    /// <summary>A complaint's waits for an answer (<see cref="ComplaintWait"/>); the first is opened on filing.</summary>
    public List<ComplaintWait> Waits { get; } = [];

    public List<Reply> Replies { get; } = [];

    public List<Vote> Votes { get; } = [];

    public List<StatusChange> StatusChanges { get; } = [];
}
