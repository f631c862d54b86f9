using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Live;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Notifications.Mail;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerCare.Tests.Integration.Notifications;

/// <summary>
/// The portal with <c>Mail:Smtp</c> pointing at a real SMTP server of its own (<see cref="SmtpTestServer"/>) and a public
/// address for the links in mails. The server starts when the host is built, inside the first test, so a missing
/// aiosmtpd skips that test (fails under CI=true). Without <paramref name="runSender"/> the background sender is left
/// out and the tests drive the outbox themselves on a <see cref="ManualTime"/>.
/// </summary>
public abstract class SmtpPortalFactory(DatabaseProvider provider, bool runSender) : PortalFactory(provider, seedDemo: false)
{
    public const string PublicUrl = "https://feedback.lindenhof.example";
    public const string FromAddress = "care@lindenhof.example";

    private SmtpTestServer? smtp;

    /// <summary>The SMTP server this portal sends to (built with the host).</summary>
    public SmtpTestServer Smtp
    {
        get
        {
            _ = Services;
            return smtp!;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        smtp ??= SmtpTestServer.Start();
        With("Portal:PublicUrl", PublicUrl);
        With("Mail:Smtp:Host", SmtpTestServer.Host);
        With("Mail:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        With("Mail:Smtp:Security", nameof(SmtpSecurity.None));
        With("Mail:Smtp:Timeout", "00:00:10");
        With("Mail:FromAddress", FromAddress);
        base.ConfigureWebHost(builder);
        if (!runSender)
        {
            builder.ConfigureTestServices(services =>
            {
                foreach (var worker in services.Where(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(MailSenderWorker)).ToList())
                {
                    services.Remove(worker);
                }
            });
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (smtp is not null)
        {
            await smtp.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The portal as deployed: its own background sender mails over SMTP.</summary>
public sealed class SqliteSmtpPortal() : SmtpPortalFactory(DatabaseProvider.Sqlite, runSender: true);

public sealed class PostgresSmtpPortal() : SmtpPortalFactory(DatabaseProvider.Postgres, runSender: true);

/// <summary>No background sender: the test runs the mailer and the sender itself, on its own clock.</summary>
public sealed class SqliteSmtpQueuePortal() : SmtpPortalFactory(DatabaseProvider.Sqlite, runSender: false);

public sealed class PostgresSmtpQueuePortal() : SmtpPortalFactory(DatabaseProvider.Postgres, runSender: false);

/// <summary>People with addresses, and the mail pipeline built over the portal's database on a clock of the test's choosing.</summary>
internal sealed class SmtpTesting(SmtpPortalFactory portal)
{
    public RecordingLoggerProvider Logs { get; } = new();

    public IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    public MailOptions Options => portal.Services.GetRequiredService<IOptions<MailOptions>>().Value;

    public T Get<T>() where T : notnull => portal.Services.GetRequiredService<T>();

    /// <summary>A person with an address of their own; confirmed unless told otherwise, mails in <paramref name="language"/>.</summary>
    public async Task<Person> AddPersonAsync(string role, string language, CancellationToken ct, bool confirmed = true, string? name = null)
    {
        var viewer = await new TestContent(portal).AddPersonAsync(role, ct);
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@mail.example";
        var displayName = name ?? $"{role} {email[..12]}";
        await using var db = await Dbs.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == viewer.UserId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Email, email)
            .SetProperty(u => u.NormalizedEmail, email.ToUpperInvariant())
            .SetProperty(u => u.EmailConfirmed, confirmed)
            .SetProperty(u => u.Language, language)
            .SetProperty(u => u.DisplayName, displayName), ct);
        return new(viewer, email, displayName);
    }

    public async Task SetDeliveryAsync(string userId, NotificationKind kind, MailDelivery delivery, CancellationToken ct)
    {
        var choices = await Get<MailPreferences>().GetAsync(userId, ct);
        var byKind = choices.ByKind.ToDictionary();
        byKind[kind] = delivery;
        Assert.True(await Get<MailPreferences>().SaveAsync(userId, choices with { ByKind = byKind }, ct));
    }

    public async Task<MailDelivery?> StoredDeliveryAsync(string userId, NotificationKind kind, CancellationToken ct)
    {
        await using var db = await Dbs.CreateDbContextAsync(ct);
        return await db.NotificationPreferences.Where(p => p.UserId == userId && p.Kind == kind).Select(p => (MailDelivery?)p.Email).SingleOrDefaultAsync(ct);
    }

    public async Task<List<OutboxMail>> OutboxToAsync(string address, CancellationToken ct)
    {
        await using var db = await Dbs.CreateDbContextAsync(ct);
        return await db.OutboxMails.AsNoTracking().Where(m => m.ToAddress == address).OrderBy(m => m.Id).ToListAsync(ct);
    }

    /// <summary>A sender on the test's clock, over the portal's options or <paramref name="with"/> (e.g. a pickup folder).</summary>
    public MailSender Sender(TimeProvider time, MailOptions? with = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(with ?? Options);
        return new(Dbs, new MailTransport(options, time), options, time, new Logger<MailSender>(new LoggerFactory([Logs])));
    }

    public NotificationMailer Mailer(TimeProvider time) => new(
        Dbs, Get<MailQueue>(), Get<MailStrings>(), Get<MailLinks>(), Get<UnsubscribeTokens>(), Get<IOptions<MailOptions>>(), time,
        new Logger<NotificationMailer>(new LoggerFactory([Logs])));

    /// <summary>What the background worker does in one cycle, on the given clock: due notifications into mails, then send.</summary>
    public async Task CycleAsync(TimeProvider time, CancellationToken ct)
    {
        await Mailer(time).MailInstantAsync(ct);
        await Mailer(time).MailDigestsAsync(ct);
        var sender = Sender(time);
        for (var batch = 0; batch < 20 && await sender.RunOnceAsync(ct) > 0; batch++)
        {
        }
    }
}

internal sealed record Person(Viewer Viewer, string Email, string Name)
{
    public string Id => Viewer.UserId!;
}
