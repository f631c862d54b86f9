using System.Diagnostics.Metrics;
using CustomerCare.Data.Entities;

namespace CustomerCare.Web.Infrastructure;

// What operators' dashboards count (docs/architecture.md, "Metrics for operators"); exported by TelemetryWiring.
// Each is recorded after the commit of what it counts, so a rolled-back act counts nothing.
public sealed class CareMetrics
{
    public const string MeterName = "CustomerCare";

    private readonly Counter<long> votes;
    private readonly Counter<long> ratings;
    private readonly Histogram<int> rating;
    private readonly Counter<long> complaintsFiled;
    private readonly Counter<long> answers;
    private readonly Histogram<double> answerWait;
    private readonly Counter<long> hubConnectionsClosed;

    public CareMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        votes = meter.CreateCounter<long>("customercare.votes", "{vote}", "Votes cast (change=added) and taken back (change=withdrawn)");
        ratings = meter.CreateCounter<long>("customercare.ratings", "{rating}", "Solved complaints rated by their customer");

        // The default buckets (0, 5, 10, 25 …) would put every rating into one; a bucket per star keeps them apart.
        rating = meter.CreateHistogram("customercare.rating", "{rating}", "Stars a customer gave a solved complaint",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 3, 4, 5] });
        complaintsFiled = meter.CreateCounter<long>("customercare.complaints.filed", "{complaint}", "Complaints filed, by mood");
        answers = meter.CreateCounter<long>("customercare.answers", "{answer}", "Staff answers on complaints, first or next, within the target or not");
        answerWait = meter.CreateHistogram("customercare.answer.wait", "h", "Business hours a customer waited for an answer",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 4, 8, 16, 24, 48, 96] });
        hubConnectionsClosed = meter.CreateCounter<long>("customercare.hub.connections_closed", "{connection}",
            "Public hub connections the portal closed, by reason (flood, refusals, junk)");
    }

    public void VoteChanged(bool added) => votes.Add(1, new KeyValuePair<string, object?>("change", added ? "added" : "withdrawn"));

    public void Rated(int stars)
    {
        ratings.Add(1);
        rating.Record(stars);
    }

    public void ComplaintFiled(ComplaintMood? mood) =>
        complaintsFiled.Add(1, new KeyValuePair<string, object?>("mood", mood?.ToString().ToLowerInvariant() ?? "none"));

    public void Answered(bool first, TimeSpan businessWait, bool withinTarget)
    {
        var answer = new KeyValuePair<string, object?>("answer", first ? "first" : "next");
        answers.Add(1, answer, new KeyValuePair<string, object?>("within_target", withinTarget));
        answerWait.Record(businessWait.TotalHours, answer);
    }

    /// <summary>A public hub connection closed by <c>LiveHubGuard</c>; <paramref name="reason"/> is flood, refusals or junk.</summary>
    public void HubConnectionClosed(string reason) => hubConnectionsClosed.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
