using System.Diagnostics;

namespace CustomerCare.Benchmarks;

/// <summary>A one-line progress bar: percent, rows per second and the time left.</summary>
public sealed class Progress(TextWriter log, bool live, string what, long total)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long done;
    private long lastDrawn = -1;
    private int lastPercent = -1;

    public void Add(long rows)
    {
        done += rows;
        var percent = total == 0 ? 100 : (int)(done * 100 / total);
        // Redraw at most ten times a second on a terminal; in a log, one line per tenth of the way.
        if (live ? clock.ElapsedMilliseconds - lastDrawn >= 100 || done >= total : percent / 10 != lastPercent / 10)
        {
            Draw(percent);
        }
    }

    public TimeSpan Finish()
    {
        if (lastPercent != 100)
        {
            Draw(100);
        }

        if (live)
        {
            log.WriteLine();
        }

        return clock.Elapsed;
    }

    private void Draw(int percent)
    {
        lastDrawn = clock.ElapsedMilliseconds;
        lastPercent = percent;
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
        var rate = done / seconds;
        var left = rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : TimeSpan.Zero;
        var bar = new string('#', percent / 5).PadRight(20, '.');
        var line = $"{what,-12} [{bar}] {percent,3}%  {done,10:N0}/{total:N0}  {rate,9:N0} rows/s  ETA {left:mm\\:ss}";
        if (live)
        {
            log.Write("\r" + line);
        }
        else
        {
            log.WriteLine(line);
        }
    }
}
