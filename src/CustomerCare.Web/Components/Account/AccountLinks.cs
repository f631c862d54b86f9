using CustomerCare.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Components.Account;

/// <summary>
/// Links in account mails (password reset, address confirmation, "someone tried to register"), built from
/// <c>Portal:PublicUrl</c> only: the request's Host header is whatever a stranger types, and a reset link pointing at
/// their site hands them the account. In Development alone, with the setting empty, the request's own address stands
/// in, so <c>dotnet run</c> works without setting anything; anywhere else such a mail is refused and the reason logged.
/// </summary>
public sealed partial class AccountLinks(IOptions<PortalOptions> portal, IHostEnvironment environment, ILogger<AccountLinks> log)
{
    /// <summary>An absolute link to <paramref name="relativePath"/>, or null (logged) when there is no trustworthy root.</summary>
    /// <param name="requestBaseUri">The request's own address: used only in Development with <c>Portal:PublicUrl</c> empty.</param>
    public Uri? For(string relativePath, string requestBaseUri, string purpose)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        string root;
        if (IsUsable(portal.Value.PublicUrl))
        {
            root = portal.Value.PublicUrl.Trim().TrimEnd('/') + "/";
        }
        else if (environment.IsDevelopment() && IsUsable(requestBaseUri))
        {
            root = requestBaseUri;
        }
        else
        {
            LogRefused(purpose);
            return null;
        }

        return new Uri(new Uri(root, UriKind.Absolute), relativePath.TrimStart('/'));
    }

    /// <summary>An absolute http or https address.</summary>
    public static bool IsUsable(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Purpose} mail was not sent: Portal:PublicUrl is not set, and outside Development its links are never built from the request's Host header. Set Portal:PublicUrl to the portal's public address")]
    private partial void LogRefused(string purpose);
}

/// <summary>Says at start-up, as an error naming the setting, that account mails will be refused without <c>Portal:PublicUrl</c>.</summary>
public sealed partial class PublicUrlCheck(IOptions<PortalOptions> portal, IHostEnvironment environment, ILogger<PublicUrlCheck> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() && !AccountLinks.IsUsable(portal.Value.PublicUrl))
        {
            LogMissing();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Portal:PublicUrl is not set: password reset and address confirmation mails are refused until it names the portal's public address (e.g. https://feedback.example.com); links are never built from a request's Host header")]
    private partial void LogMissing();
}
