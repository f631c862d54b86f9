using CustomerCare.Web.Components.Account;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CustomerCare.Web.Infrastructure.Access;

/// <summary>
/// Who may stay signed in and how hard the door is to force: the security-stamp check on every request, the open
/// pages' and hub connections' reaction to a changed access, the sign-in throttle and its shared state, the security
/// log, and account links only from <c>Portal:PublicUrl</c>.
/// </summary>
public static class AccessServices
{
    public static void AddAccess(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        services.AddOptions<PortalOptions>()
            .Validate(o => AccountLinks.IsUsable(o.PublicUrl) || string.IsNullOrWhiteSpace(o.PublicUrl),
                "Portal:PublicUrl must be the portal's absolute http(s) address, e.g. https://feedback.example.com.")
            .ValidateOnStart();

        // Identity's lockout let anyone lock anyone out with five wrong passwords; the throttle slows guessing instead.
        services.Configure<IdentityOptions>(o => o.Lockout.AllowedForNewUsers = false);

        services.AddSingleton<SecurityStampCheck>();
        services.AddSingleton<AccessChanges>();
        services.AddSingleton<SecurityLog>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<HubUsers>();
        services.AddSingleton<AccountLinks>();
        services.AddHostedService<PublicUrlCheck>();
        AddThrottleState(services, builder.Configuration.GetSection(LiveOptions.Section));

        // Every request that brings a sign-in cookie: a cookie from before a sign-out or a role change is refused now,
        // not after Identity's 30-minute interval (which still runs after this check and refreshes the claims).
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).PostConfigure(cookie =>
        {
            var identityCheck = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                var stamps = context.HttpContext.RequestServices.GetRequiredService<SecurityStampCheck>();
                if (!await stamps.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await identityCheck(context);
            };
        });
    }

    // Throttle state on every server alike: Redis when the portal has one (Live:Redis), else this process's memory,
    // which is all one server needs.
    private static void AddThrottleState(IServiceCollection services, IConfigurationSection liveSection)
    {
        var live = liveSection.Get<LiveOptions>() ?? new LiveOptions();
        if (!live.UsesRedis)
        {
            services.AddDistributedMemoryCache();
            return;
        }

        services.AddStackExchangeRedisCache(o =>
        {
            var redis = ConfigurationOptions.Parse(live.Redis);
            // Like the bus: never wait at start for Redis, and fail at once while it is down (the throttle then lets
            // people in unslowed and logs it) instead of holding every sign-in for the connect timeout.
            redis.AbortOnConnectFail = false;
            redis.BacklogPolicy = BacklogPolicy.FailFast;
            o.ConfigurationOptions = redis;
            o.InstanceName = live.Channel + ":";
        });
    }

    private sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
    {
        public ValidateOptionsResult Validate(string? name, AccessOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
