namespace CustomerCare.Web.Features.Insights;

/// <summary>
/// Whether a chart has anything to show for the report's period. A chart without says "Nothing yet in this period"
/// instead of drawing an empty axis: weeks of zeros are no figures to read, only a flat line.
/// </summary>
public static class InsightsFigures
{
    public static bool HasData(InsightsReport report, InsightsChart chart)
    {
        ArgumentNullException.ThrowIfNull(report);
        return chart switch
        {
            InsightsChart.Mood => report.Mood.Any(w => w.Total > 0),
            InsightsChart.Satisfaction => report.Satisfaction.Any(m => m.Count > 0) || report.Comments.Count > 0,
            InsightsChart.AnswerTimes => report.AnswerTimes.Any(w => w.FirstAnswers + w.NextAnswers > 0),
            InsightsChart.Waiting => report.Waiting.Any(w => w.WaitingAtEnd + w.Escalations > 0),
            InsightsChart.IdeasByStatus => report.IdeasByStatus.Any(s => s.Ideas > 0),
            InsightsChart.TimeToShip => report.TimeToShip.Any(m => m.Shipped > 0),
            InsightsChart.TopIdeas => report.TopIdeas.Overall.Count + report.TopIdeas.Loyal.Count + report.TopIdeas.Newest.Count > 0,
            InsightsChart.SolvesIt => report.SolvesIt.Any(s => s.Yes + s.No > 0),
            _ => throw new ArgumentOutOfRangeException(nameof(chart), chart, null),
        };
    }
}
