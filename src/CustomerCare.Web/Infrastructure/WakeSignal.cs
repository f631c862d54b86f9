using System.Threading.Channels;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// How an outbox (mail, webhooks) wakes its sender: whoever stores a row rings, the sender's loop waits for a ring or its
/// poll interval, whichever comes first (on the given <see cref="TimeProvider"/>, so tests can step time). Rings while
/// the sender is busy collapse into one: it reads everything that is due anyway.
/// </summary>
public sealed class WakeSignal(TimeProvider time)
{
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Ring() => wake.Writer.TryWrite(true);

    /// <summary>Returns when <see cref="Ring"/> was called or after <paramref name="interval"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(interval, time, timeout.Token);
        var signal = wake.Reader.WaitToReadAsync(timeout.Token).AsTask();
        await Task.WhenAny(delay, signal);
        await timeout.CancelAsync();
        wake.Reader.TryRead(out _);
        ct.ThrowIfCancellationRequested();
    }
}
