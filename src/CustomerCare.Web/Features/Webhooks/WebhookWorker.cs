using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Webhooks;

/// <summary>
/// One loop per server, like the mail sender's: send what is due, then sleep until something is enqueued or the poll
/// interval passes. It runs apart from requests, so a receiver that hangs delays only other deliveries, never a page.
/// </summary>
public sealed partial class WebhookWorker(
    WebhookSender sender, WebhookPublisher publisher, IOptions<WebhookOptions> options, ILogger<WebhookWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Bounded: a few batches per cycle, then the loop breathes (and sees cancellation).
                for (var batch = 0; batch < 5 && await sender.RunOnceAsync(stoppingToken) == options.Value.BatchSize; batch++)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed cycle (database briefly away) must not end the sender for the life of the process.
                LogCycleFailed(ex);
            }

            try
            {
                await publisher.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook cycle failed; trying again on the next one")]
    private partial void LogCycleFailed(Exception ex);
}
