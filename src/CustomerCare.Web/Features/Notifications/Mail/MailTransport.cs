using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CustomerCare.Data.Entities;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CustomerCare.Web.Features.Notifications.Mail;

/// <summary>Where mails go: an SMTP server when <c>Mail:Smtp:Host</c> is set, else .eml files in the pickup folder.</summary>
public sealed class MailTransport(IOptions<MailOptions> options, TimeProvider time)
{
    private MailOptions Options => options.Value;

    /// <summary>One connection for a batch, opened on the first mail.</summary>
    public IMailSession Open() => Options.UsesSmtp ? new SmtpSession(this) : new PickupSession(this);

    /// <summary>
    /// The Message-Id comes from the DedupKey: a retry after an ambiguous failure (the server took the mail, the
    /// answer was lost) carries the same id, so mail servers and clients can recognise the duplicate.
    /// </summary>
    public MimeMessage Build(OutboxMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var from = new MailboxAddress(Options.FromName, Options.FromAddress);
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Date = time.GetUtcNow(),
            MessageId = MessageIdFor(mail.DedupKey, from.Domain),
            Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody(),
        };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(mail.ToName ?? "", mail.ToAddress));
        if (mail.UnsubscribeUrl is { } unsubscribe)
        {
            // RFC 8058: mail programs offer "unsubscribe" and POST to the address without opening a page.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return message;
    }

    public static string MessageIdFor(string dedupKey, string domain)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dedupKey)))[..32];
        return $"{hash}@{(string.IsNullOrEmpty(domain) ? "customercare.local" : domain)}";
    }

    /// <summary>The server could not be reached or dropped the connection: nothing about this mail, try later.</summary>
    public static bool IsUnreachable(Exception ex) =>
        ex is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException
            or OperationCanceledException or SslHandshakeException
        || ex.InnerException is SocketException;

    /// <summary>A 5xx answer to RCPT TO (or to the message itself): the address (or mail) is refused for good, a bounce.</summary>
    public static bool IsPermanentRefusal(Exception ex) =>
        ex is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted } command
        && (int)command.StatusCode >= 500;

    public static string Describe(Exception ex) => ex switch
    {
        MailTransportUnavailableException unavailable => unavailable.Message,
        SmtpCommandException command => $"SMTP {(int)command.StatusCode} ({command.ErrorCode}): {command.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    private sealed class SmtpSession(MailTransport transport) : IMailSession
    {
        private readonly SmtpClient client = new();

        public async Task SendAsync(OutboxMail mail, CancellationToken ct)
        {
            var smtp = transport.Options.Smtp;
            if (!client.IsConnected)
            {
                client.Timeout = (int)smtp.Timeout.TotalMilliseconds;
                var security = smtp.Security switch
                {
                    SmtpSecurity.None => SecureSocketOptions.None,
                    SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                    SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                    _ => SecureSocketOptions.Auto,
                };
                try
                {
                    await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
                    if (!string.IsNullOrEmpty(smtp.UserName))
                    {
                        await client.AuthenticateAsync(smtp.UserName, smtp.Password, ct);
                    }
                }
                catch (Exception ex) when ((IsUnreachable(ex) || ex is AuthenticationException) && !ct.IsCancellationRequested)
                {
                    // No connection, no TLS or no login: nothing about this mail, so it waits however long that lasts.
                    throw new MailTransportUnavailableException(Describe(ex), ex);
                }
            }

            await client.SendAsync(transport.Build(mail), ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (client.IsConnected)
            {
                try
                {
                    await client.DisconnectAsync(quit: true);
                }
                catch (Exception ex) when (IsUnreachable(ex))
                {
                    // The mails were sent or recorded as failed; a lost QUIT changes nothing.
                }
            }

            client.Dispose();
        }
    }

    private sealed class PickupSession(MailTransport transport) : IMailSession
    {
        public async Task SendAsync(OutboxMail mail, CancellationToken ct)
        {
            var folder = Path.GetFullPath(transport.Options.PickupDirectory);
            var message = transport.Build(mail);
            // Named by the mail's id: writing the same mail again replaces the file instead of adding one.
            var name = $"{mail.CreatedAt:yyyyMMdd-HHmmss}-{message.MessageId!.Split('@')[0]}.eml";
            var temporary = Path.Combine(folder, name + ".tmp");
            try
            {
                Directory.CreateDirectory(folder);
                await message.WriteToAsync(temporary, ct);
                File.Move(temporary, Path.Combine(folder, name), overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A full disk or a wrong folder is no mail server being away: say what failed, where.
                throw new MailTransportUnavailableException($"The pickup folder {folder} cannot be written: {Describe(ex)}", ex);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>
/// The mail could not be handed over at all (no connection, TLS or login; the pickup folder cannot be written). It says
/// nothing about the mail: the batch waits with back-off and the mail is never given up for it.
/// </summary>
public sealed class MailTransportUnavailableException(string message, Exception inner) : IOException(message, inner);

public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(OutboxMail mail, CancellationToken ct);
}
