using CustomerCare.Web.Components.Account;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// Issue 17's limits and honest text in one place: the rule that a customer's name is no colleague's.
/// </summary>
public static class LimitsWiring
{
    public static IServiceCollection AddLimitsAndHonestText(this IServiceCollection services)
    {
        services.AddSingleton<DisplayNames>();
        return services;
    }
}
