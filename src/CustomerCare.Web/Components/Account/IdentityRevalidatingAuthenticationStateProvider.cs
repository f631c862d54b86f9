using System.Security.Claims;
using CustomerCare.Web.Infrastructure.Access;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Components.Account;

/// <summary>
/// An open page's sign-in, checked against the person's security stamp at once when the bus brings
/// <see cref="AccessChanged"/> on their topic (a role change, a sign-out elsewhere, a password reset, on any server), and
/// every <see cref="AccessOptions.RevalidationInterval"/> in case such an event was lost. A stale stamp signs the page
/// out: every component takes the viewer from the authentication state (CascadingViewer), so the page re-renders
/// without the rights that went.
/// </summary>
internal sealed partial class IdentityRevalidatingAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private readonly SecurityStampCheck stamps;
    private readonly ILiveBus bus;
    private readonly IOptions<AccessOptions> options;
    private readonly ILogger<IdentityRevalidatingAuthenticationStateProvider> log;
    private CancellationTokenSource? watching;

    public IdentityRevalidatingAuthenticationStateProvider(
        SecurityStampCheck stamps, ILiveBus bus, IOptions<AccessOptions> options, ILogger<IdentityRevalidatingAuthenticationStateProvider> log)
    {
        this.stamps = stamps;
        this.bus = bus;
        this.options = options;
        this.log = log;
        AuthenticationStateChanged += Watch;
    }

    public void Dispose()
    {
        AuthenticationStateChanged -= Watch;
        Stop(Interlocked.Exchange(ref watching, null));
    }

    private static void Stop(CancellationTokenSource? source)
    {
        source?.Cancel();
        source?.Dispose();
    }

    private void Watch(Task<AuthenticationState> state)
    {
        var next = new CancellationTokenSource();
        Stop(Interlocked.Exchange(ref watching, next));
        _ = WatchAsync(state, next.Token);
    }

    private async Task WatchAsync(Task<AuthenticationState> task, CancellationToken ct)
    {
        try
        {
            var user = (await task).User;
            if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            {
                return;
            }

            using var changed = new SemaphoreSlim(0);
            using var subscription = bus.Subscribe(LiveTopics.User(userId), e =>
            {
                if (e is AccessChanged)
                {
                    changed.Release();
                }

                return Task.CompletedTask;
            });

            while (true)
            {
                await changed.WaitAsync(options.Value.RevalidationInterval, ct);
                if (!await stamps.IsCurrentAsync(user, ct))
                {
                    LogSignedOut(userId);
                    SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The circuit went away or has a new state to watch.
        }
        catch (ObjectDisposedException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Failing closed: a page whose sign-in cannot be checked goes on as a visitor's.
            LogCheckFailed(ex);
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An open page of {UserId} was signed out: the security stamp changed")]
    private partial void LogSignedOut(string userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking an open page's sign-in failed; it goes on signed out")]
    private partial void LogCheckFailed(Exception ex);
}
