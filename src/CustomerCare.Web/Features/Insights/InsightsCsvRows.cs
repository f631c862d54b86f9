using CustomerCare.Data.Entities;
using CustomerCare.Web.Components.Shared;
using CustomerCare.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CustomerCare.Web.Features.Insights;

// One row type per chart, as its CSV file has it: the figures the chart draws, weeks as their Monday and months as
// yyyy-MM in the portal's zone, hours and days with one decimal as the page shows them, shares in percent.

public sealed record MoodCsvRow(string Week, int Angry, int Disappointed, int Unsure, int Hopeful, int NoMood, int Total)
{
    public static MoodCsvRow From(MoodWeek week, InsightsFormat format) =>
        new(format.Day(week.Start), week.Angry, week.Disappointed, week.Unsure, week.Hopeful, week.NoMood, week.Total);
}

public sealed record SatisfactionCsvRow(string Month, int Ratings, double? Average, int OneStar, int TwoStars, int ThreeStars, int FourStars, int FiveStars)
{
    public static SatisfactionCsvRow From(SatisfactionMonth month, InsightsFormat format)
    {
        int Stars(int i) => month.Stars.ElementAtOrDefault(i);
        return new(format.Month(month.Start), month.Count, InsightsCsvRows.Round(month.Average), Stars(0), Stars(1), Stars(2), Stars(3), Stars(4));
    }
}

public sealed record AnswerCsvRow(
    string Week, int FirstAnswers, double? FirstMedianHours, double? FirstP90Hours, double? FirstWithinTargetPercent,
    int NextAnswers, double? NextMedianHours, double? NextP90Hours, double? NextWithinTargetPercent)
{
    public static AnswerCsvRow From(AnswerWeek week, InsightsFormat format) => new(
        format.Day(week.Start), week.FirstAnswers, InsightsCsvRows.Round(week.FirstMedianHours), InsightsCsvRows.Round(week.FirstP90Hours),
        InsightsCsvRows.Percent(week.FirstWithinTarget), week.NextAnswers, InsightsCsvRows.Round(week.NextMedianHours),
        InsightsCsvRows.Round(week.NextP90Hours), InsightsCsvRows.Percent(week.NextWithinTarget));
}

public sealed record WaitingCsvRow(string Week, int WaitingAtEnd, int Escalations)
{
    public static WaitingCsvRow From(WaitingWeek week, InsightsFormat format) => new(format.Day(week.Start), week.WaitingAtEnd, week.Escalations);
}

public sealed record StatusCsvRow(PostStatus Status, int Ideas);

public sealed record ShipCsvRow(string Month, int Shipped, double? MedianDays, double? P90Days)
{
    public static ShipCsvRow From(ShipMonth month, InsightsFormat format) =>
        new(format.Month(month.Start), month.Shipped, InsightsCsvRows.Round(month.MedianDays), InsightsCsvRows.Round(month.P90Days));
}

/// <summary>An idea in one of the three lists (<c>overall</c>, <c>loyal</c>, <c>newest</c>) at its rank there.</summary>
public sealed record TopIdeaCsvRow(string List, int Rank, int Id, string Title, PostStatus Status, int Votes, int LoyalVotes, int NewcomerVotes);

public sealed record SolvesItCsvRow(int Id, string Title, string? ShippedIn, int Yes, int No, double YesPercent)
{
    public static SolvesItCsvRow From(SolvesItShare idea, IStringLocalizer<Strings> text) =>
        new(idea.Id, PostTitle.Shown(idea.Title, text), idea.ShippedIn, idea.Yes, idea.No, InsightsCsvRows.Percent(idea.YesShare)!.Value);
}

/// <summary>Each chart's rows from a report, in the order the chart shows them.</summary>
public static class InsightsCsvRows
{
    public static IEnumerable<TopIdeaCsvRow> TopIdeas(TopIdeas ideas, IStringLocalizer<Strings> text)
    {
        ArgumentNullException.ThrowIfNull(ideas);
        return List("overall", ideas.Overall).Concat(List("loyal", ideas.Loyal)).Concat(List("newest", ideas.Newest));

        IEnumerable<TopIdeaCsvRow> List(string name, IReadOnlyList<TopIdea> list) => list.Select((idea, i) => new TopIdeaCsvRow(
            name, i + 1, idea.Id, PostTitle.Shown(idea.Title, text), idea.Status, idea.Votes, idea.LoyalVotes, idea.NewcomerVotes));
    }

    /// <summary>One decimal, as the page shows hours and days.</summary>
    public static double? Round(double? value) => value is { } v ? Math.Round(v, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>A share of 0 to 1 as percent with one decimal.</summary>
    public static double? Percent(double? share) => share is { } s ? Math.Round(s * 100, 1, MidpointRounding.AwayFromZero) : null;
}
