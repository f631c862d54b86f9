using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace CustomerCare.Benchmarks.Visitors;

/// <summary>
/// Requests per second, as wrk counts them: <c>concurrency</c> loops, each on a kept-alive connection of its own, GET
/// the path with <c>Accept-Encoding: br</c> and read the whole answer (as sent, not decompressed) until the time is up.
/// The same loop for the board and for the static file it is compared with; only answers 200 count, any other is an
/// error the suite refuses.
/// </summary>
public static class LoadLoop
{
    /// <summary>Answers "loaded requests errors seconds bytesPerAnswer encoding lastStatus".</summary>
    public static async Task<string> RunAsync(Uri root, string path, TimeSpan duration, int concurrency, string? cookie)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var http = new HttpMessageInvoker(handler);
        var uri = new Uri(root, path.TrimStart('/'));
        long requests = 0, errors = 0, bytes = 0;
        var lastStatus = 0;
        string? encoding = null;

        // Bounded twice: by the clock between requests, and by a deadline for the one in flight.
        using var deadline = new CancellationTokenSource(duration + TimeSpan.FromSeconds(60));
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var buffer = new byte[64 * 1024];
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.AcceptEncoding.ParseAdd("br");
                if (cookie is not null)
                {
                    request.Headers.TryAddWithoutValidation("Cookie", cookie);
                }

                using var response = await http.SendAsync(request, deadline.Token);
                await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
                long size = 0;
                int read;
                while ((read = await body.ReadAsync(buffer, deadline.Token)) > 0)
                {
                    size += read;
                }

                Volatile.Write(ref lastStatus, (int)response.StatusCode);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref requests);
                    Interlocked.Add(ref bytes, size);
                    encoding ??= response.Content.Headers.ContentEncoding.FirstOrDefault() ?? "identity";
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"loaded {requests} {errors} {seconds:F3} {(requests == 0 ? 0 : bytes / requests)} {encoding ?? "-"} {lastStatus}");
    }
}
