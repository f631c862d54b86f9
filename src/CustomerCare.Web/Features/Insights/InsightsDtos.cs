using CustomerCare.Data.Entities;

namespace CustomerCare.Web.Features.Insights;

/// <summary>How far back the insights look: the current week and the weeks before it, in the portal's zone.</summary>
public enum InsightsPeriod
{
    FourWeeks,
    Quarter,
    Year,
}

/// <summary>
/// What the product owner asks: a period, and optionally one category and customers of at least
/// <see cref="MinTenureYears"/> years (the desk's steps, 1, 5 and 10).
/// </summary>
public sealed record InsightsQuery(InsightsPeriod Period = InsightsPeriod.FourWeeks, int? CategoryId = null, int? MinTenureYears = null)
{
    public int Weeks => Period switch
    {
        InsightsPeriod.Quarter => 13,
        InsightsPeriod.Year => 52,
        _ => 4,
    };
}

/// <summary>The charts the page shows; each one's figures download as a CSV of that name.</summary>
public enum InsightsChart
{
    Mood,
    Satisfaction,
    AnswerTimes,
    Waiting,
    IdeasByStatus,
    TimeToShip,
    TopIdeas,
    SolvesIt,
}

/// <summary>A week's new complaints by the mood their customers filed them in; <see cref="Start"/> is Monday 00:00 local, as UTC.</summary>
public sealed record MoodWeek(DateTime Start, int Angry, int Disappointed, int Unsure, int Hopeful, int NoMood)
{
    public int Total => Angry + Disappointed + Unsure + Hopeful + NoMood;
}

/// <summary>A month's ratings: how many of each star (index 0 is one star) and their average; null when none.</summary>
public sealed record SatisfactionMonth(DateTime Start, IReadOnlyList<int> Stars, double? Average)
{
    public int Count => Stars.Sum();
}

/// <summary>A rating with the customer's own words, for the team to read.</summary>
public sealed record RatingCommentView(int ComplaintId, string Title, int Rating, string Comment, DateTime RatedAt);

/// <summary>
/// A week's answers to waiting customers, in business hours: the first answer to a new complaint and the next answers
/// after the customer wrote again; median and 90th percentile (nearest rank), and the share given within the target.
/// Null figures where the week had no such answer.
/// </summary>
public sealed record AnswerWeek(
    DateTime Start, int FirstAnswers, double? FirstMedianHours, double? FirstP90Hours, double? FirstWithinTarget,
    int NextAnswers, double? NextMedianHours, double? NextP90Hours, double? NextWithinTarget);

/// <summary>How many customers waited for an answer at the end of a week (at the moment of the report for the current week), and the escalations that week.</summary>
public sealed record WaitingWeek(DateTime Start, int WaitingAtEnd, int Escalations);

/// <summary>Ideas proposed in the period, by the status they have now.</summary>
public sealed record StatusCount(PostStatus Status, int Ideas);

/// <summary>Ideas shipped in a month and how long they took from proposal to shipped, in days.</summary>
public sealed record ShipMonth(DateTime Start, int Shipped, double? MedianDays, double? P90Days);

/// <summary>An idea still to be decided (open or under review) and its votes: all, from customers of ten years and more, from the newest.</summary>
public sealed record TopIdea(int Id, string Title, PostStatus Status, int Votes, int LoyalVotes, int NewcomerVotes);

/// <summary>The most-voted ideas still to be decided: by everyone, by customers of ten years and more, by the newest customers.</summary>
public sealed record TopIdeas(IReadOnlyList<TopIdea> Overall, IReadOnlyList<TopIdea> Loyal, IReadOnlyList<TopIdea> Newest);

/// <summary>"Does this solve it?" on a shipped idea: the answers given in the period.</summary>
public sealed record SolvesItShare(int Id, string Title, string? ShippedIn, int Yes, int No)
{
    public double YesShare => Yes + No == 0 ? 0 : (double)Yes / (Yes + No);
}

/// <summary>Everything the insights page shows for one <see cref="InsightsQuery"/>; weeks and months oldest first.</summary>
public sealed record InsightsReport(
    InsightsQuery Query,
    DateTime From,
    DateTime To,
    IReadOnlyList<MoodWeek> Mood,
    IReadOnlyList<SatisfactionMonth> Satisfaction,
    IReadOnlyList<RatingCommentView> Comments,
    IReadOnlyList<AnswerWeek> AnswerTimes,
    IReadOnlyList<WaitingWeek> Waiting,
    IReadOnlyList<StatusCount> IdeasByStatus,
    IReadOnlyList<ShipMonth> TimeToShip,
    TopIdeas TopIdeas,
    IReadOnlyList<SolvesItShare> SolvesIt);
