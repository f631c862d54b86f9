namespace CustomerCare.Web.Features.Insights;

/// <summary>
/// Reloads at most once every <c>every</c>: the first request after a quiet spell reloads at once, requests within the
/// spell collect into one reload at its end. Only a request starts a timer, and only one at a time: no polling, and a
/// burst of a hundred votes costs two reports, not a hundred.
/// </summary>
public sealed class ThrottledReload(TimeProvider time, TimeSpan every, Func<Task> reload) : IDisposable
{
    private readonly Lock gate = new();
    private DateTimeOffset last = DateTimeOffset.MinValue;
    private ITimer? pending;
    private bool disposed;

    /// <summary>Reloads now, or once the spell is over; a reload already waiting takes this request along.</summary>
    public Task RequestAsync()
    {
        lock (gate)
        {
            if (disposed || pending is not null)
            {
                return Task.CompletedTask;
            }

            var now = time.GetUtcNow();
            var wait = last == DateTimeOffset.MinValue ? TimeSpan.Zero : last + every - now;
            if (wait > TimeSpan.Zero)
            {
                pending = time.CreateTimer(_ => Fire(), null, wait, Timeout.InfiniteTimeSpan);
                return Task.CompletedTask;
            }

            last = now;
        }

        return reload();
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            pending?.Dispose();
            pending = null;
        }
    }

    private void Fire()
    {
        lock (gate)
        {
            pending?.Dispose();
            pending = null;
            if (disposed)
            {
                return;
            }

            last = time.GetUtcNow();
        }

        _ = reload();
    }
}
