using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Notifications.Mail;

/// <summary>
/// Absolute links for mails, made without a request: from <c>Portal:PublicUrl</c> (required with SMTP), else, in
/// development with the pickup folder, from the address Kestrel listens on.
/// </summary>
public sealed class MailLinks(IOptions<PortalOptions> portal, IServer server)
{
    public const string PreferencesPath = "account/notifications";

    public string Absolute(string relative) => portal.Value.LinkFor(relative, Fallback()).AbsoluteUri;

    public string Thread(int postId, long? replyId) =>
        Absolute(replyId is { } reply ? $"posts/{postId}#reply-{reply}" : $"posts/{postId}");

    public string Preferences => Absolute(PreferencesPath);

    private string Fallback()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return "http://localhost/";
        }

        return address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("[::]", "localhost", StringComparison.Ordinal).TrimEnd('/') + "/";
    }
}
