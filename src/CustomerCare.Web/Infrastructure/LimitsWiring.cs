using CustomerCare.Web.Components.Account;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// Issue 17's limits and honest text in one place: the <c>RateLimits</c> settings (checked at start-up), the request
/// limits on the account forms, and the rule that a customer's name is no colleague's.
/// </summary>
public static class LimitsWiring
{
    public static IServiceCollection AddLimitsAndHonestText(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsCheck>();
        services.AddRequestRateLimits();
        services.AddSingleton<DisplayNames>();
        return services;
    }

    private sealed class RateLimitOptionsCheck : IValidateOptions<RateLimitOptions>
    {
        public ValidateOptionsResult Validate(string? name, RateLimitOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
