using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Insights;

namespace CustomerCare.Tests.Component.Insights;

/// <summary>Hand-made reports for the chart components: two weeks and two months in the portal's zone (Europe/Berlin).</summary>
internal static class InsightsReports
{
    // Monday 23 and Monday 30 November 2026, 00:00 in Berlin (UTC+1): the evening before in UTC.
    public static readonly DateTime Week1 = new(2026, 11, 22, 23, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Week2 = new(2026, 11, 29, 23, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime November = new(2026, 10, 31, 23, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime December = new(2026, 11, 30, 23, 0, 0, DateTimeKind.Utc);

    public static InsightsReport Full(InsightsQuery? query = null) => new(
        query ?? new InsightsQuery(),
        Week1,
        Week2.AddDays(4),
        [new MoodWeek(Week1, 3, 1, 0, 2, 1), new MoodWeek(Week2, 5, 0, 2, 0, 0)],
        [new SatisfactionMonth(November, [0, 1, 0, 2, 4], 4.0), new SatisfactionMonth(December, [1, 0, 0, 0, 1], 3.0)],
        [new RatingCommentView(41, "Meter reading ignored", 2, "Took three calls.", Week2.AddDays(1))],
        [
            new AnswerWeek(Week1, 4, 3.14159, 7.96, 0.834, 2, 1.25, 2.5, 1.0),
            new AnswerWeek(Week2, 0, null, null, null, 1, 12.0, 12.0, 0.0),
        ],
        [new WaitingWeek(Week1, 6, 1), new WaitingWeek(Week2, 2, 0)],
        [new StatusCount(PostStatus.Shipped, 1), new StatusCount(PostStatus.Open, 7), new StatusCount(PostStatus.Declined, 2)],
        [new ShipMonth(November, 0, null, null), new ShipMonth(December, 2, 40.5, 61.0)],
        new TopIdeas(
            [new TopIdea(7, "Read the meter by photo", PostStatus.Open, 12, 3, 5), new TopIdea(8, "Bills as PDF", PostStatus.UnderReview, 9, 6, 0)],
            [new TopIdea(8, "Bills as PDF", PostStatus.UnderReview, 9, 6, 0)],
            [new TopIdea(7, "Read the meter by photo", PostStatus.Open, 12, 3, 5)]),
        [new SolvesItShare(5, "Dark mode", "2026.11", 4, 1)]);

    public static InsightsReport Empty(InsightsQuery? query = null) => new(
        query ?? new InsightsQuery(),
        Week1,
        Week2.AddDays(4),
        [new MoodWeek(Week1, 0, 0, 0, 0, 0), new MoodWeek(Week2, 0, 0, 0, 0, 0)],
        [new SatisfactionMonth(November, [0, 0, 0, 0, 0], null), new SatisfactionMonth(December, [0, 0, 0, 0, 0], null)],
        [],
        [new AnswerWeek(Week1, 0, null, null, null, 0, null, null, null), new AnswerWeek(Week2, 0, null, null, null, 0, null, null, null)],
        [new WaitingWeek(Week1, 0, 0), new WaitingWeek(Week2, 0, 0)],
        [new StatusCount(PostStatus.Open, 0), new StatusCount(PostStatus.Shipped, 0)],
        [new ShipMonth(November, 0, null, null), new ShipMonth(December, 0, null, null)],
        new TopIdeas([], [], []),
        []);
}
