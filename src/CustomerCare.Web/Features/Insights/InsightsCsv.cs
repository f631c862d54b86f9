using CsvHelper.Configuration;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CustomerCare.Web.Features.Insights;

/// <summary>
/// A chart's figures as a CSV file (<c>insights-mood-2026-12-04.csv</c>), written by <see cref="CsvDownload"/>: that chart's
/// rows only, headed in the asker's language with the words of the page's tables, the values invariant.
/// </summary>
public static class InsightsCsv
{
    public static string FileName(InsightsChart chart, TimeProvider time) =>
        $"insights-{InsightsAddress.ChartValue(chart)}-{CsvDownload.Today(time)}.csv";

    public static IResult File(InsightsChart chart, InsightsReport report, InsightsFormat format, IStringLocalizer<Strings> text, string fileName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        return chart switch
        {
            InsightsChart.Mood => CsvDownload.File(fileName, new MoodColumns(text), report.Mood.Select(w => MoodCsvRow.From(w, format)).ToAsyncEnumerable(), ct),
            InsightsChart.Satisfaction => CsvDownload.File(fileName, new SatisfactionColumns(text),
                report.Satisfaction.Select(m => SatisfactionCsvRow.From(m, format)).ToAsyncEnumerable(), ct),
            InsightsChart.AnswerTimes => CsvDownload.File(fileName, new AnswerColumns(text),
                report.AnswerTimes.Select(w => AnswerCsvRow.From(w, format)).ToAsyncEnumerable(), ct),
            InsightsChart.Waiting => CsvDownload.File(fileName, new WaitingColumns(text),
                report.Waiting.Select(w => WaitingCsvRow.From(w, format)).ToAsyncEnumerable(), ct),
            InsightsChart.IdeasByStatus => CsvDownload.File(fileName, new StatusColumns(text),
                report.IdeasByStatus.Select(s => new StatusCsvRow(s.Status, s.Ideas)).ToAsyncEnumerable(), ct),
            InsightsChart.TimeToShip => CsvDownload.File(fileName, new ShipColumns(text),
                report.TimeToShip.Select(m => ShipCsvRow.From(m, format)).ToAsyncEnumerable(), ct),
            InsightsChart.TopIdeas => CsvDownload.File(fileName, new TopIdeaColumns(text), InsightsCsvRows.TopIdeas(report.TopIdeas, text).ToAsyncEnumerable(), ct),
            _ => CsvDownload.File(fileName, new SolvesItColumns(text), report.SolvesIt.Select(s => SolvesItCsvRow.From(s, text)).ToAsyncEnumerable(), ct),
        };
    }

    public sealed class MoodColumns : ClassMap<MoodCsvRow>
    {
        public MoodColumns(IStringLocalizer<Strings> text)
        {
            ArgumentNullException.ThrowIfNull(text);
            Map(r => r.Week).Name(text["Insights_Week"]);
            Map(r => r.Angry).Name(text["Mood_Angry"]);
            Map(r => r.Disappointed).Name(text["Mood_Disappointed"]);
            Map(r => r.Unsure).Name(text["Mood_Unsure"]);
            Map(r => r.Hopeful).Name(text["Mood_Hopeful"]);
            Map(r => r.NoMood).Name(text["Insights_NoMood"]);
            Map(r => r.Total).Name(text["Insights_Total"]);
        }
    }

    public sealed class SatisfactionColumns : ClassMap<SatisfactionCsvRow>
    {
        public SatisfactionColumns(IStringLocalizer<Strings> text)
        {
            ArgumentNullException.ThrowIfNull(text);
            Map(r => r.Month).Name(text["Insights_Month"]);
            Map(r => r.Ratings).Name(text["Insights_Ratings"]);
            Map(r => r.Average).Name(text["Insights_Average"]);
            Map(r => r.OneStar).Name(text["Insights_OneStar"]);
            Map(r => r.TwoStars).Name(text["Insights_Stars", 2]);
            Map(r => r.ThreeStars).Name(text["Insights_Stars", 3]);
            Map(r => r.FourStars).Name(text["Insights_Stars", 4]);
            Map(r => r.FiveStars).Name(text["Insights_Stars", 5]);
        }
    }

    public sealed class AnswerColumns : ClassMap<AnswerCsvRow>
    {
        public AnswerColumns(IStringLocalizer<Strings> text)
        {
            ArgumentNullException.ThrowIfNull(text);
            Map(r => r.Week).Name(text["Insights_Week"]);
            Map(r => r.FirstAnswers).Name(text["Insights_FirstAnswers"]);
            Map(r => r.FirstMedianHours).Name(text["Insights_FirstMedian"]);
            Map(r => r.FirstP90Hours).Name(text["Insights_FirstP90"]);
            Map(r => r.FirstWithinTargetPercent).Name(text["Insights_FirstWithinTargetPercent"]);
            Map(r => r.NextAnswers).Name(text["Insights_NextAnswers"]);
            Map(r => r.NextMedianHours).Name(text["Insights_NextMedian"]);
            Map(r => r.NextP90Hours).Name(text["Insights_NextP90"]);
            Map(r => r.NextWithinTargetPercent).Name(text["Insights_NextWithinTargetPercent"]);
        }
    }

    public sealed class WaitingColumns : ClassMap<WaitingCsvRow>
    {
        public WaitingColumns(IStringLocalizer<Strings> text)
        {
            ArgumentNullException.ThrowIfNull(text);
            Map(r => r.Week).Name(text["Insights_Week"]);
            Map(r => r.WaitingAtEnd).Name(text["Insights_WaitingAtEnd"]);
            Map(r => r.Escalations).Name(text["Insights_Escalations"]);
        }
    }

    public sealed class StatusColumns : ClassMap<StatusCsvRow>
    {
        public StatusColumns(IStringLocalizer<Strings> text)
        {
            ArgumentNullException.ThrowIfNull(text);
            Map(r => r.Status).Name(text["Insights_Status"]);
            Map(r => r.Ideas).Name(text["Insights_Ideas"]);
        }
    }

    public sealed class ShipColumns : ClassMap<ShipCsvRow>
    {
        public ShipColumns(IStringLocalizer<Strings> text)
        {
            ArgumentNullException.ThrowIfNull(text);
            Map(r => r.Month).Name(text["Insights_Month"]);
            Map(r => r.Shipped).Name(text["Insights_Shipped"]);
            Map(r => r.MedianDays).Name(text["Insights_MedianDays"]);
            Map(r => r.P90Days).Name(text["Insights_P90Days"]);
        }
    }

    public sealed class TopIdeaColumns : ClassMap<TopIdeaCsvRow>
    {
        public TopIdeaColumns(IStringLocalizer<Strings> text)
        {
            ArgumentNullException.ThrowIfNull(text);
            Map(r => r.List).Name(text["Insights_List"]);
            Map(r => r.Rank).Name(text["Insights_Rank"]);
            Map(r => r.Id).Name(text["Csv_Id"]);
            Map(r => r.Title).Name(text["Csv_Title"]);
            Map(r => r.Status).Name(text["Csv_Status"]);
            Map(r => r.Votes).Name(text["Csv_Votes"]);
            Map(r => r.LoyalVotes).Name(text["Insights_LoyalVotes"]);
            Map(r => r.NewcomerVotes).Name(text["Insights_NewcomerVotes"]);
        }
    }

    public sealed class SolvesItColumns : ClassMap<SolvesItCsvRow>
    {
        public SolvesItColumns(IStringLocalizer<Strings> text)
        {
            ArgumentNullException.ThrowIfNull(text);
            Map(r => r.Id).Name(text["Csv_Id"]);
            Map(r => r.Title).Name(text["Csv_Title"]);
            Map(r => r.ShippedIn).Name(text["Csv_ShippedIn"]);
            Map(r => r.Yes).Name(text["Insights_Yes"]);
            Map(r => r.No).Name(text["Insights_No"]);
            Map(r => r.YesPercent).Name(text["Insights_YesPercent"]);
        }
    }
}
