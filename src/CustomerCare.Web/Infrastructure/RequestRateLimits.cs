using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// Request-rate limits on the forms a stranger can post without signing in: sign-in, registration, forgotten password,
/// resending the confirmation, unsubscribing. ASP.NET Core's rate limiter, one named policy per form; an endpoint opts in
/// with <c>[EnableRateLimiting(RequestRateLimits.SignIn)]</c> (a page) or <c>.RequireRateLimiting(…)</c> (an endpoint,
/// e.g. the REST API later), and the one name turns on both limits of that form (<see cref="RateLimitOptions"/>):
/// per client address (the global limiter, asked first, so a flood from one address is refused before it can create a
/// partition per account it names) and per account or e-mail address named in the form (the named policy). Only POSTs
/// count; showing a form is free. Each limit is a token bucket: its size may be posted at once, then one more each
/// Window ÷ size, which is also the Retry-After a refusal carries. Counts live in this server's memory: behind a
/// balancer with N servers a client may reach N times the limit, which still ends a flood of hundreds per second.
/// </summary>
public static class RequestRateLimits
{
    public const string SignIn = "sign-in";
    public const string Registration = "registration";
    public const string ForgotPassword = "forgot-password";
    public const string ResendConfirmation = "resend-confirmation";
    public const string Unsubscribe = "unsubscribe";

    // An e-mail address longer than Identity's column names no account; a longer key would only cost memory.
    private const int MaxAccountKey = 256;

    /// <summary>Each form's limits and where its request names the account (a form field, or the unsubscribe link's token).</summary>
    private static readonly Dictionary<string, (Func<RateLimitOptions, RequestLimit> Limit, string? Field, string? Query)> Forms = new()
    {
        [SignIn] = (o => o.SignIn, "Input.Email", null),
        [Registration] = (o => o.Registration, "Input.Email", null),
        [ForgotPassword] = (o => o.ForgotPassword, "Input.Email", null),
        [ResendConfirmation] = (o => o.ResendConfirmation, "Input.Email", null),
        [Unsubscribe] = (o => o.Unsubscribe, null, "token"),
    };

    public static IServiceCollection AddRequestRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(PerClientAddress);
            foreach (var form in Forms.Keys)
            {
                o.AddPolicy(form, context => PerAccount(context, form));
            }

            o.OnRejected = TooManyRequests.WriteAsync;
        });
        return services;
    }

    /// <summary>After forwarded headers (the client's address) and localization (the refusal's language).</summary>
    public static void UseRequestRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The limiter decides synchronously; a form naming an account is read first so the per-account limit can see it.
        app.Use(async (context, next) =>
        {
            if (LimitedForm(context) is { } form && Forms[form].Field is not null && context.Request.HasFormContentType)
            {
                try
                {
                    await context.Request.ReadFormAsync(context.RequestAborted);
                }
                catch (InvalidDataException)
                {
                    // Too large or malformed: no account to count; the form's own endpoint answers it.
                }
            }

            await next(context);
        });
        app.UseRateLimiter();
    }

    /// <summary>The client as the limits see it: an IPv4 address, or an IPv6 /64 (one household or server gets a whole /64).</summary>
    public static string ClientAddress(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    internal static RequestLimit LimitOf(HttpContext context, string form) =>
        Forms[form].Limit(context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue);

    /// <summary>The form's policy name when this request is a POST to an endpoint limited here; null otherwise.</summary>
    internal static string? LimitedForm(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return null;
        }

        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        return policy is not null && Forms.ContainsKey(policy) ? policy : null;
    }

    private static RateLimitPartition<string> PerClientAddress(HttpContext context)
    {
        if (LimitedForm(context) is not { } form)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var limit = LimitOf(context, form);
        return Bucket($"{form}|address|{ClientAddress(context.Connection.RemoteIpAddress)}", limit.PerAddress, limit.Window);
    }

    private static RateLimitPartition<string> PerAccount(HttpContext context, string form)
    {
        var limit = LimitOf(context, form);
        if (LimitedForm(context) != form || limit.PerAccount == 0 || AccountNamed(context, form) is not { } account)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        return Bucket($"{form}|account|{account}", limit.PerAccount, limit.Window);
    }

    // The account as Identity finds it (an e-mail address compares case-insensitively), or the unsubscribe token.
    private static string? AccountNamed(HttpContext context, string form)
    {
        var (_, field, query) = Forms[form];
        var value = field is not null
            ? context.Features.Get<IFormFeature>()?.Form?[field].ToString()
            : context.Request.Query[query!].ToString();
        var key = TextRules.Line(value).ToUpperInvariant();
        return key.Length == 0 ? null : key[..Math.Min(key.Length, MaxAccountKey)];
    }

    private static RateLimitPartition<string> Bucket(string key, int size, TimeSpan window) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = size,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = window / size,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
