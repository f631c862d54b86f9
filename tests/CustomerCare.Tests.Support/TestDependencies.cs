using Xunit;

namespace CustomerCare.Tests.Support;

/// <summary>
/// Tests that need a real Chromium, PostgreSQL, Redis, nginx or SMTP server ask here first. Under CI=true a missing
/// dependency fails the test (a green CI must mean the test ran); elsewhere it skips with the reason.
/// </summary>
public static class TestDependencies
{
    public const string PostgresVariable = "CUSTOMERCARE_TEST_POSTGRES";
    public const string RedisVariable = "CUSTOMERCARE_TEST_REDIS";
    public const string ChromiumVariable = "CUSTOMERCARE_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";
    public const string NginxVariable = "CUSTOMERCARE_NGINX";
    public const string DefaultNginx = "/usr/sbin/nginx";
    public const string PythonVariable = "CUSTOMERCARE_PYTHON";

    /// <summary>Debian's python3, not a pyenv or venv one: python3-aiosmtpd is installed for it by apt-get.</summary>
    public const string DefaultPython = "/usr/bin/python3";

    public const string NodeVariable = "CUSTOMERCARE_NODE";

    private static readonly Lazy<string?> AiosmtpdProblem = new(FindAiosmtpdProblem);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Base connection string of the PostgreSQL server that ./test.sh starts on 127.0.0.1.</summary>
    public static string Postgres => Require(PostgresVariable, "PostgreSQL", "run ./test.sh, which installs and starts one on 127.0.0.1");

    public static string Redis => Require(RedisVariable, "Redis", "run ./test.sh, which installs and starts redis-server on 127.0.0.1");

    /// <summary>The redis-server binary, for tests that stop and restart a Redis of their own.</summary>
    public static string RedisServer
    {
        get
        {
            var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Select(dir => Path.Combine(dir, "redis-server"))
                .FirstOrDefault(File.Exists);
            if (path is null)
            {
                Missing("redis-server", "it is not on PATH; run ./test.sh, which installs it with apt-get");
            }

            return path!;
        }
    }

    public static string Chromium
    {
        get
        {
            var path = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } p ? p : DefaultChromium;
            if (!File.Exists(path))
            {
                Missing("Chromium", $"no browser at {path}; run ./test.sh (apt-get install chromium) or set {ChromiumVariable}");
            }

            return path;
        }
    }

    /// <summary>The nginx binary that balances the two-server tests (Debian's package, not nginx-plus).</summary>
    public static string Nginx
    {
        get
        {
            var path = Environment.GetEnvironmentVariable(NginxVariable) is { Length: > 0 } p ? p : DefaultNginx;
            if (!File.Exists(path))
            {
                Missing("nginx", $"no nginx at {path}; run ./test.sh (apt-get install nginx) or set {NginxVariable}");
            }

            return path;
        }
    }

    /// <summary>The python3 that runs the SMTP test server (aiosmtpd); see <see cref="SmtpTestServer"/>.</summary>
    public static string SmtpServer
    {
        get
        {
            if (AiosmtpdProblem.Value is { } problem)
            {
                Missing("An SMTP server (python3 with aiosmtpd)", problem + "; run ./test.sh (apt-get install python3-aiosmtpd)");
            }

            return Python;
        }
    }

    /// <summary>
    /// node, to run the real OpenID Connect provider (tests/oidc-provider/server.mjs with the npm package oidc-provider,
    /// which ./test.sh installs with npm ci); see <see cref="OidcTestProvider"/>.
    /// </summary>
    public static string OidcProviderNode
    {
        get
        {
            var node = Environment.GetEnvironmentVariable(NodeVariable) is { Length: > 0 } n
                ? n
                : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, "node")).FirstOrDefault(File.Exists);
            if (node is null || !File.Exists(node))
            {
                Missing("node", $"it is not on PATH (or {NodeVariable}); run ./test.sh, which installs nodejs with apt-get");
            }

            if (!File.Exists(Path.Combine(OidcTestProvider.Folder, "node_modules", "oidc-provider", "package.json")))
            {
                Missing("The npm package oidc-provider", $"it is not installed in {OidcTestProvider.Folder}; run ./test.sh, which runs npm ci there");
            }

            return node!;
        }
    }

    private static string Python => Environment.GetEnvironmentVariable(PythonVariable) is { Length: > 0 } p ? p : DefaultPython;

    private static string? FindAiosmtpdProblem()
    {
        if (!File.Exists(Python))
        {
            return $"no python3 at {Python}";
        }

        using var check = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Python, ["-c", "import aiosmtpd"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var error = check.StandardError.ReadToEnd();
        return check.WaitForExit(30_000) && check.ExitCode == 0 ? null : $"{Python} cannot import aiosmtpd ({error.Trim()})";
    }

    private static string Require(string variable, string what, string how)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            Missing(what, $"{variable} is not set; {how}");
        }

        return value!;
    }

    private static void Missing(string what, string why)
    {
        var message = $"{what} is needed for this test: {why}.";
        if (IsCi)
        {
            Assert.Fail(message + " Under CI=true a missing dependency fails the run.");
        }

        Assert.Skip(message);
    }
}
