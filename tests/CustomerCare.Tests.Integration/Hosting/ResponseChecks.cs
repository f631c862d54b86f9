using System.Text.RegularExpressions;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>What no answer of the portal may be: a server error, or a page that shows an exception to a stranger.</summary>
internal static partial class ResponseChecks
{
    public static async Task AssertHandledAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode < 500, $"{what} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        AssertNoExceptionText(body, what);
    }

    public static void AssertNoExceptionText(string body, string what)
    {
        var leak = LeakRegex().Match(body);
        Assert.False(leak.Success, $"{what} answered with exception text: {leak.Value}");
    }

    // A stack frame ("   at Foo.Bar(…)"), an exception's type name, a source line or the developer page.
    [GeneratedRegex(@"\bat [\w.`<>+]+\([^)]*\)|\b\w*Exception\b|StackTrace|DeveloperExceptionPage|\.cs:line \d+")]
    private static partial Regex LeakRegex();
}
