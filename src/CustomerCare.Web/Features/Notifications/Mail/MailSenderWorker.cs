using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Notifications.Mail;

/// <summary>
/// One loop per server: turn due notifications into mails, then send the outbox, then sleep until something is
/// enqueued or the poll interval passes (on the host's <see cref="TimeProvider"/>, so tests can step time).
/// </summary>
public sealed partial class MailSenderWorker(
    NotificationMailer notifications, MailSender sender, MailQueue queue, IOptions<MailOptions> options, ILogger<MailSenderWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await notifications.MailInstantAsync(stoppingToken);
                await notifications.MailDigestsAsync(stoppingToken);
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
                await queue.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A mail cycle failed; trying again on the next one")]
    private partial void LogCycleFailed(Exception ex);
}
