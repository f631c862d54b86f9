using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Webhooks;

public static class WebhookServices
{
    /// <summary>The Webhooks section (validated at start-up), the outbox, its sender and the guarded HTTP client.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .Validate(o => !o.Problems().Any(), "The Webhooks section is invalid (see docs/configuration.md, Webhooks).")
            .ValidateOnStart();
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookPayloads>();
        services.AddSingleton<WebhookPublisher>();
        services.AddSingleton<WebhookAlerts>();
        services.AddSingleton<WebhookOutcomes>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookAdminService>();
        services.AddHostedService<WebhookWorker>();

        // Every connection goes through the SSRF guard to the address it checked; no redirects (a 3xx is a failed attempt),
        // no proxy (it would connect instead of us), and the per-attempt timeout is the sender's, not the client's.
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<WebhookTargets>().ConnectAsync,
                AllowAutoRedirect = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout,
            });
        return services;
    }
}
