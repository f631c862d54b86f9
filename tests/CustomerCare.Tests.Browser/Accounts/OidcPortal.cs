using System.Net;
using System.Net.Sockets;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Browser.Accounts;

/// <summary>
/// A portal configured with two OpenID Connect providers: <c>test</c>, the real provider (oidc-provider in node) this
/// fixture starts on 127.0.0.1, whose group <c>care-team</c> makes staff; and <c>gone</c>, whose address nothing listens
/// on (a provider that is down). Started by the first test that asks, so a missing node skips (or under CI=true fails)
/// that test with its reason instead of breaking the class.
/// </summary>
public sealed class OidcPortal : IAsyncDisposable
{
    public const string Key = "test";
    public const string GoneKey = "gone";
    public const string DisplayName = "Test Company ID";
    public const string StaffGroup = "care-team";

    private readonly SemaphoreSlim gate = new(1, 1);
    private OidcTestProvider? provider;
    private PortalFactory? portal;

    public OidcTestProvider Provider => provider ?? throw new InvalidOperationException("Call StartAsync first.");

    public PortalFactory Portal => portal ?? throw new InvalidOperationException("Call StartAsync first.");

    public Uri Root => Portal.RootUri!;

    public async Task StartAsync()
    {
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (portal is not null)
            {
                return;
            }

            provider ??= OidcTestProvider.Start();
            var settings = $"Authentication:OpenIdConnect:Providers:{Key}:";
            var gone = $"Authentication:OpenIdConnect:Providers:{GoneKey}:";
            portal = new EmptyPortalFactory()
                .With("RateLimits:SignIn:PerAddress", "1000")
                .With(settings + "DisplayName", DisplayName)
                .With(settings + "Authority", provider.Issuer.ToString())
                .With(settings + "ClientId", OidcTestProvider.ClientId)
                .With(settings + "ClientSecret", OidcTestProvider.ClientSecret)
                .With(settings + "Scopes:0", "openid")
                .With(settings + "Scopes:1", "profile")
                .With(settings + "Scopes:2", "email")
                .With(settings + "Scopes:3", "groups")
                .With(settings + "RoleClaim", "groups")
                .With(settings + "RoleMap:Staff:0", StaffGroup)
                .With(settings + "BackchannelTimeout", "00:00:05")
                .With(gone + "DisplayName", "Gone Provider")
                .With(gone + "Authority", $"http://127.0.0.1:{UnusedPort()}/")
                .With(gone + "ClientId", "nobody")
                .With(gone + "BackchannelTimeout", "00:00:03");
            portal.StartRealServer();
            await provider.RegisterClientAsync(portal.RootUri!, Key);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (portal is not null)
        {
            await portal.DisposeAsync();
        }

        if (provider is not null)
        {
            await provider.DisposeAsync();
        }

        gate.Dispose();
    }

    // A port that was free a moment ago and that nobody here listens on: connections to it are refused.
    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
