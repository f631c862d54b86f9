using CustomerCare.Data.Entities;
using CustomerCare.Data.Insights;

namespace CustomerCare.Benchmarks.Seeding;

/// <summary>
/// Complaints for a <see cref="BoardData"/>'s customers, over the same three years: a mood (or none), a category like the
/// ideas', a thread whose replies alternate customer and staff with gaps of hours to days (now and then an internal
/// note), most solved (confirmed by the customer, some closed after silence) and rated, some still open. A few customers
/// complain far more than the rest, so the heaviest stories are heavy. Every complaint comes from a generator seeded with
/// its number; its waits are what <see cref="ComplaintWaits.Walk"/> makes of its thread, so they agree by construction.
/// </summary>
public sealed class ComplaintData(BoardData board, int count)
{
    private const int Seed = 11;

    // Waits longer than this went up to the team lead this long after they began (the escalation job's mark).
    private static readonly TimeSpan EscalateAfter = TimeSpan.FromDays(1);

    private static readonly ComplaintMood?[] Moods =
        [ComplaintMood.Angry, ComplaintMood.Angry, ComplaintMood.Disappointed, ComplaintMood.Disappointed, ComplaintMood.Unsure, ComplaintMood.Hopeful, null];

    public int Count { get; } = count;

    public static readonly string[] PostColumns =
    [
        "Id", "Kind", "Title", "Body", "AuthorId", "CreatedAt", "UpdatedAt", "Status", "CategoryId", "IsPublic", "VoteCount",
        "ReplyCount", "TrendWeight", "LoyalVoteCount", "NewcomerVoteCount", "Mood", "Reference", "OwnerId", "EscalatedAt",
        "Outcome", "Rating", "RatingComment", "RatedAt",
    ];

    public static readonly string[] WaitColumns = ["Id", "PostId", "Since", "First", "EndedAt", "AnsweredAt", "EscalatedAt"];

    /// <summary>One message of a complaint's thread; internal notes are no turn of the conversation.</summary>
    public sealed record Message(int User, bool Staff, bool Internal, DateTime At);

    /// <summary>Everything one complaint is, from its seeded generator.</summary>
    public sealed record Complaint(
        int Number, int Author, DateTime CreatedAt, ComplaintMood? Mood, IReadOnlyList<Message> Thread, int Owner,
        DateTime? SolvedAt, ComplaintOutcome? Outcome, int? Rating, string? RatingComment, DateTime? RatedAt, DateTime? EscalatedAt, bool IsPublic)
    {
        public PostStatus Status => SolvedAt is not null ? PostStatus.Solved
            : Thread.Any(m => m.Staff && !m.Internal) ? PostStatus.InProgress : PostStatus.Open;

        /// <summary>The turns <see cref="ComplaintWaits.Walk"/> reads: the customer's and the staff's public words, and solving.</summary>
        public IEnumerable<(DateTime At, ComplaintWaits.Turn Turn)> Turns => Thread.Where(m => !m.Internal)
            .Select(m => (m.At, m.Staff ? ComplaintWaits.Turn.StaffAnswered : ComplaintWaits.Turn.CustomerWrote))
            .Concat(SolvedAt is { } solved ? [(solved, ComplaintWaits.Turn.Solved)] : []);
    }

    public Complaint Of(int number)
    {
        var rng = BoardData.Rng(Seed, number, 0);
        var created = BoardData.Millis(board.Now.AddDays(-3 * 365 * rng.NextDouble()));
        // Squared: user 0 files ~1/√users of all complaints, the median customer one or none.
        var author = Math.Min(board.UserIds.Count - 1, (int)(board.UserIds.Count * Math.Pow(rng.NextDouble(), 2)));
        var owner = rng.Next(1, board.StaffIds.Count);
        var thread = new List<Message>();
        var (at, staffTurn) = (created, true);
        for (var k = rng.Next(7); k > 0; k--)
        {
            // Staff answer within half an hour to four days; customers come back within an hour to three days.
            at = BoardData.Millis(at + (staffTurn ? TimeSpan.FromHours(0.5 + (96 * Math.Pow(rng.NextDouble(), 2))) : TimeSpan.FromHours(1 + (71 * rng.NextDouble()))));
            if (at > board.Now)
            {
                break;
            }

            thread.Add(new(staffTurn ? owner : author, staffTurn, false, at));
            if (staffTurn && rng.Next(6) == 0)
            {
                thread.Add(new(owner, true, true, at.AddMinutes(1)));
            }

            staffTurn = !staffTurn;
        }

        var last = thread.Count == 0 ? created : thread[^1].At;
        var solvedAt = BoardData.Millis(last + TimeSpan.FromHours(2 + (70 * rng.NextDouble())));
        var solved = rng.Next(10) != 0 && solvedAt <= board.Now;
        var silence = solved && thread.Count > 0 && thread[^1].Staff && rng.Next(6) == 0;
        var rated = solved && !silence && rng.Next(5) != 0;
        var rating = rated ? 1 + (int)(5 * Math.Sqrt(rng.NextDouble())) : (int?)null; // more good ratings than bad
        var ratedAt = rated ? BoardData.Millis(solvedAt + TimeSpan.FromMinutes(rng.Next(1, 24 * 60))) : (DateTime?)null;
        if (ratedAt > board.Now)
        {
            ratedAt = solvedAt;
        }

        var comment = rated && rng.Next(3) == 0 ? $"{BoardData.Sentence(rng, 8)}." : null;
        var waitingSince = thread.Count == 0 ? created : thread[^1].Staff ? (DateTime?)null : thread[^1].At;
        var escalated = !solved && waitingSince + EscalateAfter <= board.Now ? waitingSince + EscalateAfter : null;
        return new(number, author, created, Moods[rng.Next(Moods.Length)], thread, owner, solved ? solvedAt : null,
            solved ? silence ? ComplaintOutcome.ClosedAfterSilence : ComplaintOutcome.ConfirmedByCustomer : null,
            rating, comment, ratedAt, escalated, rng.Next(10) == 0);
    }

    /// <summary>
    /// The waits <see cref="ComplaintWaits.Walk"/> builds from the complaint's turns; besides the open one (which Walk marks
    /// from the post), every wait longer than a day was escalated a day after it began, as the job would have marked it.
    /// </summary>
    public static List<ComplaintWait> Waits(Complaint complaint, int postId)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var waits = ComplaintWaits.Walk(postId, complaint.CreatedAt, complaint.Turns, complaint.EscalatedAt);
        foreach (var wait in waits.Where(w => w.EndedAt - w.Since > EscalateAfter))
        {
            wait.EscalatedAt = wait.Since + EscalateAfter;
        }

        return waits;
    }

    public IEnumerable<object?[]> Posts(int firstId, IReadOnlyList<int> categoryIds)
    {
        for (var c = 0; c < Count; c++)
        {
            var complaint = Of(c);
            var rng = BoardData.Rng(Seed, c, 1);
            var title = $"{BoardData.Sentence(rng, 4 + rng.Next(3))}";
            var publicReplies = complaint.Thread.Where(m => !m.Internal).ToList();
            int? category = categoryIds.Count == 0 || c % 7 == 0 ? null : categoryIds[c % categoryIds.Count];
            yield return
            [
                firstId + c, nameof(PostKind.Complaint), char.ToUpperInvariant(title[0]) + title[1..], $"{BoardData.Sentence(rng, 25)}.",
                board.UserIds[complaint.Author], complaint.CreatedAt, complaint.SolvedAt ?? complaint.CreatedAt, complaint.Status.ToString(),
                category, complaint.IsPublic, 0, publicReplies.Count, publicReplies.Sum(m => Post.TrendWeightAt(m.At)), 0, 0,
                complaint.Mood?.ToString(), rng.Next(2) == 0 ? $"INV-{rng.Next(1_000_000):D6}" : null,
                board.StaffIds[complaint.Owner], complaint.EscalatedAt,
                complaint.Outcome?.ToString(), complaint.Rating, complaint.RatingComment, complaint.RatedAt,
            ];
        }
    }

    public IEnumerable<object?[]> Replies(int firstId, long firstReplyId)
    {
        var id = firstReplyId;
        for (var c = 0; c < Count; c++)
        {
            var rng = BoardData.Rng(Seed, c, 2);
            foreach (var m in Of(c).Thread)
            {
                var author = m.Staff ? board.StaffIds[m.User] : board.UserIds[m.User];
                yield return [id++, firstId + c, author, $"{BoardData.Sentence(rng, 15)}.", m.At, m.Internal, false];
            }
        }
    }

    public IEnumerable<object?[]> WaitRows(int firstId)
    {
        long id = 1;
        for (var c = 0; c < Count; c++)
        {
            foreach (var w in Waits(Of(c), firstId + c))
            {
                yield return [id++, w.PostId, w.Since, w.First, w.EndedAt, w.AnsweredAt, w.EscalatedAt];
            }
        }
    }

    /// <summary>Solving, as the status history records it: by the customer, or by the owner after silence.</summary>
    public IEnumerable<object?[]> SolvedChanges(int firstId, long firstChangeId)
    {
        var id = firstChangeId;
        for (var c = 0; c < Count; c++)
        {
            var complaint = Of(c);
            if (complaint.SolvedAt is { } at)
            {
                var from = complaint.Thread.Any(m => m.Staff && !m.Internal) ? PostStatus.InProgress : PostStatus.Open;
                var by = complaint.Outcome == ComplaintOutcome.ClosedAfterSilence ? board.StaffIds[complaint.Owner] : board.UserIds[complaint.Author];
                yield return [id++, firstId + c, from.ToString(), nameof(PostStatus.Solved), by, at];
            }
        }
    }

    /// <summary>Rows each table gets, for the progress bars.</summary>
    public (long Replies, long Waits, long Solved) Totals()
    {
        var complaints = Enumerable.Range(0, Count).Select(Of).ToList();
        return (complaints.Sum(c => c.Thread.Count), complaints.Sum(c => (long)Waits(c, 0).Count), complaints.Count(c => c.SolvedAt is not null));
    }
}
