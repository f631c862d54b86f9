using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Webhooks;

/// <summary>Why a URL may not be an endpoint; the admin page words each one.</summary>
public enum TargetProblem
{
    None,
    NotAbsoluteHttp,
    HasCredentials,
    Unresolvable,
    InternalAddress,
}

/// <summary>
/// The SSRF guard. A target must be an absolute http(s) URL whose host resolves only to public addresses, unless
/// Webhooks:AllowPrivateTargets or Webhooks:AllowedHosts says otherwise. Checked when an admin saves an endpoint and again
/// at every send, and at send time the connection goes to the very address that was checked
/// (<see cref="ConnectAsync"/>), so a DNS answer that changes between the check and the connect (rebinding) cannot
/// redirect it.
/// </summary>
public sealed class WebhookTargets(IOptions<WebhookOptions> options)
{
    /// <summary>Resolves the host and returns the problem, if any; <paramref name="url"/> is what the admin typed.</summary>
    public async Task<TargetProblem> CheckAsync(string? url, CancellationToken ct = default)
    {
        if (!TryParse(url, out var uri))
        {
            return TargetProblem.NotAbsoluteHttp;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return TargetProblem.HasCredentials;
        }

        var (problem, _) = await ResolveAsync(uri.IdnHost, ct);
        return problem;
    }

    public static bool TryParse(string? url, out Uri uri)
    {
        uri = null!;
        return Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
            && !string.IsNullOrEmpty(parsed.Host)
            && (uri = parsed) is not null;
    }

    /// <summary>
    /// The ConnectCallback of the webhook client: resolves the host, refuses it if any address is internal (and not
    /// allowed), and connects to the first address that was checked.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (problem, addresses) = await ResolveAsync(context.DnsEndPoint.Host, ct);
        if (problem != TargetProblem.None)
        {
            throw new WebhookTargetRefusedException(context.DnsEndPoint.Host, problem);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(addresses[0], context.DnsEndPoint.Port), ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<(TargetProblem Problem, IPAddress[] Addresses)> ResolveAsync(string host, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException)
        {
            return (TargetProblem.Unresolvable, []);
        }

        if (addresses.Length == 0)
        {
            return (TargetProblem.Unresolvable, []);
        }

        var allowed = options.Value.AllowPrivateTargets
            || options.Value.AllowedHosts.Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase));
        // Every address must be public: a name with one public and one internal answer could reach either.
        return allowed || addresses.All(IsPublic) ? (TargetProblem.None, addresses) : (TargetProblem.InternalAddress, addresses);
    }

    /// <summary>False for loopback, private, link-local, carrier-grade NAT, unique-local, unspecified and multicast addresses.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.None) || address.Equals(IPAddress.IPv6None))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 168));
        }

        var bytes = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
            || (bytes[0] & 0xfe) == 0xfc);
    }
}

/// <summary>The send-time check refused the target: the attempt fails without a connection.</summary>
public sealed class WebhookTargetRefusedException(string host, TargetProblem problem)
    : HttpRequestException($"The webhook target {host} was refused: {problem}. Set Webhooks:AllowPrivateTargets or Webhooks:AllowedHosts to allow internal addresses.")
{
    public TargetProblem Problem { get; } = problem;
}
