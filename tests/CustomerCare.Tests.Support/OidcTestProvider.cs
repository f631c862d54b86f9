using System.Diagnostics;
using System.Net.Http.Json;

namespace CustomerCare.Tests.Support;

/// <summary>Someone the test provider knows: their subject, address (verified or not), name and groups.</summary>
public sealed record OidcAccount(string Sub, string Email, bool EmailVerified, string Name, IReadOnlyList<string> Groups)
{
    public const string Password = "provider-password";
}

/// <summary>
/// A real OpenID Connect provider (node with the npm package oidc-provider, tests/oidc-provider/server.mjs) as a child
/// process on 127.0.0.1 and a free port. The portal is registered as its client once its address is known
/// (<see cref="RegisterClientAsync"/>); each test adds the people it signs in (<see cref="AddAccountAsync"/>).
/// <see cref="Stop"/> takes it away (connections refused). Killed on dispose.
/// </summary>
public sealed class OidcTestProvider : IAsyncDisposable
{
    public const string ClientId = "customercare-portal";
    public const string ClientSecret = "customercare-test-secret";

    private static readonly (string[] GrantTypes, string[] ResponseTypes) CodeFlow = (["authorization_code"], ["code"]);
    private readonly HttpClient http;
    private Process? process;

    private OidcTestProvider(Process process, Uri issuer)
    {
        this.process = process;
        Issuer = issuer;
        http = new HttpClient { BaseAddress = issuer, Timeout = TestTimeouts.Wait };
    }

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "oidc-provider");

    public Uri Issuer { get; }

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Starts the provider; skips the test (fails it under CI=true) without node or the installed package.</summary>
    public static OidcTestProvider Start()
    {
        var node = TestDependencies.OidcProviderNode;
        var start = new ProcessStartInfo(node, [Path.Combine(Folder, "server.mjs"), "--port", "0"])
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var started = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var errors = new System.Text.StringBuilder();
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        started.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        started.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("READY ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(e.Data["READY ".Length..].Trim());
            }
        };
        started.BeginErrorReadLine();
        started.BeginOutputReadLine();
        if (!ready.Task.Wait(TestTimeouts.Wait))
        {
            Kill(started);
            lock (errors)
            {
                throw new InvalidOperationException($"The test OpenID Connect provider did not start: {errors}");
            }
        }

        return new OidcTestProvider(started, new Uri(ready.Task.Result));
    }

    /// <summary>The portal at <paramref name="portal"/> as the provider's client, for each provider key it is configured under.</summary>
    public async Task RegisterClientAsync(Uri portal, params string[] keys)
    {
        var root = portal.GetLeftPart(UriPartial.Authority);
        using var response = await http.PostAsJsonAsync("/_test/setup", new
        {
            clients = new[]
            {
                new
                {
                    client_id = ClientId,
                    client_secret = ClientSecret,
                    redirect_uris = keys.Select(k => $"{root}/signin-oidc-{k}").ToArray(),
                    post_logout_redirect_uris = keys.Select(k => $"{root}/signout-callback-oidc-{k}").ToArray(),
                    token_endpoint_auth_method = "client_secret_post",
                    grant_types = CodeFlow.GrantTypes,
                    response_types = CodeFlow.ResponseTypes,
                },
            },
        });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A person who can sign in at the provider with their <see cref="OidcAccount.Sub"/> and <see cref="OidcAccount.Password"/>.</summary>
    public async Task<OidcAccount> AddAccountAsync(string email, bool verified, string name, params string[] groups)
    {
        var account = new OidcAccount($"sub-{Guid.NewGuid():N}", email, verified, name, groups);
        using var response = await http.PostAsJsonAsync("/_test/accounts", new
        {
            sub = account.Sub,
            email,
            email_verified = verified,
            name,
            groups,
            password = OidcAccount.Password,
        });
        response.EnsureSuccessStatusCode();
        return account;
    }

    /// <summary>Takes the provider away: its port refuses connections from now on.</summary>
    public void Stop()
    {
        if (process is { } running)
        {
            Kill(running);
            process = null;
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        http.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Kill(Process running)
    {
        try
        {
            running.Kill(entireProcessTree: true);
            running.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }

        running.Dispose();
    }
}
