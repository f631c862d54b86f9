using System.Diagnostics;

namespace CustomerCare.Benchmarks;

/// <summary>Latencies of one operation, from Stopwatch timestamps, and their percentiles.</summary>
public sealed class Latency
{
    private readonly List<double> milliseconds = [];

    public int Count => milliseconds.Count;

    public IEnumerable<TimeSpan> Samples => milliseconds.Select(TimeSpan.FromMilliseconds);

    public async Task<T> TimeAsync<T>(Func<Task<T>> operation)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await operation();
        milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return result;
    }

    public void Add(TimeSpan elapsed) => milliseconds.Add(elapsed.TotalMilliseconds);

    /// <summary>Nearest-rank percentile in milliseconds (p in 0..100).</summary>
    public double Percentile(double p)
    {
        if (milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = milliseconds.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public double P50 => Percentile(50);

    public double P95 => Percentile(95);

    public double P99 => Percentile(99);
}
