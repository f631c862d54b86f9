using CustomerCare.Web.Components.Account;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// Issue 17's limits and honest text in one place: the <c>RateLimits</c> settings (checked at start-up), the request
/// limits on the account forms, the size of a circuit's messages, the rule that a customer's name is no colleague's, and
/// (issue 23) the public hub's message size and <see cref="LiveHubGuard"/>.
/// </summary>
public static class LimitsWiring
{
    /// <summary>
    /// The largest message a circuit must take is one text field's input event. Blazor sends the field's value twice in
    /// it (the event's value and the bound field's value), each a JSON string, which writes one UTF-16 code unit as at most
    /// 6 bytes: "\u0001" for a control character or "\ud800" for half a surrogate pair (a CJK character is 3 bytes of UTF-8,
    /// a quote or backslash 2, an emoji 4 per 2 units). The longest fields take 10,000 units (their maxlength, as the
    /// services' limits), so 2 × 10,000 × 6 = 120,000 bytes; the event's descriptor and the hub's framing add less than
    /// 1 KiB, and a title travels in its own message (2 × 120 × 6 = 1,440 bytes). 128 KiB holds the worst of them; the
    /// default (32 KiB) dropped the connection for 10,000 quotes or CJK characters.
    /// </summary>
    public const long CircuitMessageLimit = 128 * 1024;

    public static IServiceCollection AddLimitsAndHonestText(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsCheck>();
        services.AddRequestRateLimits();
        new CircuitHub(services).AddHubOptions(o => o.MaximumReceiveMessageSize = CircuitMessageLimit);

        // For /hubs/live only: the circuit's hub keeps its own size and has no use for the guard.
        services.AddSingleton<LiveHubGuard>();
        GuardedJsonHubProtocol.Register(services);
        services.AddSignalR().AddHubOptions<LiveHub>(o =>
        {
            o.MaximumReceiveMessageSize = LiveHubGuard.MessageLimit;
            o.AddFilter<LiveHubGuard>();
        });
        services.AddSingleton<DisplayNames>();
        return services;
    }

    // AddHubOptions configures the circuit's own hub (not /hubs/live) through this builder; only its services are used.
    private sealed class CircuitHub(IServiceCollection services) : IServerSideBlazorBuilder
    {
        public IServiceCollection Services { get; } = services;
    }

    private sealed class RateLimitOptionsCheck : IValidateOptions<RateLimitOptions>
    {
        public ValidateOptionsResult Validate(string? name, RateLimitOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
