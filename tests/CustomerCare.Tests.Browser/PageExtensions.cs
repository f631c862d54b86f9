using System.Text.RegularExpressions;
using CustomerCare.Data.Seeding;
using CustomerCare.Tests.Support;
using Microsoft.Playwright;

namespace CustomerCare.Tests.Browser;

internal static class PageExtensions
{
    /// <summary>
    /// Where <see cref="SaveScreenshotAsync"/> writes: artifacts/screenshots (ignored by git) on every run; the folder in
    /// CUSTOMERCARE_SCREENSHOTS (relative to the checkout) when set, e.g. docs/screenshots to refresh the README's pictures.
    /// </summary>
    public const string ScreenshotsVariable = "CUSTOMERCARE_SCREENSHOTS";

    /// <summary>
    /// The page is ready: a signed-in person's page once its circuit is up (clicks before that would be lost); a visitor's
    /// page (no circuit) once its live module listens on the public hub, or knows the page shows nothing live.
    /// </summary>
    public static async Task WaitForCircuitAsync(this IPage page) =>
        await page.Locator(".cc-layout[data-interactive=true], .cc-layout[data-live=on], .cc-layout[data-live=none]").First.WaitForAsync();

    /// <summary>A visitor's page (no circuit) whose live module has joined the page's topics on the public hub.</summary>
    public static async Task WaitForVisitorLiveAsync(this IPage page) =>
        await page.Locator(".cc-layout[data-interactive=false][data-live=on]").WaitForAsync();

    /// <summary>
    /// Opens <paramref name="address"/> (signed in: a visitor's page has no circuit), waits for its circuit, then cuts it and refuses every reconnect, so the page stays
    /// "connection lost" for the rest of the test.
    /// </summary>
    public static async Task OpenThenLoseConnectionAsync(this IPage page, string address)
    {
        IWebSocketRoute? circuit = null;
        var cutOff = false;
        await page.RouteWebSocketAsync(new Regex("/_blazor"), ws =>
        {
            if (cutOff)
            {
                _ = ws.CloseAsync();
                return;
            }

            circuit = ws;
            ws.ConnectToServer();
        });
        await page.RouteAsync(new Regex("/_blazor"), route => cutOff ? route.AbortAsync() : route.ContinueAsync());
        await page.GotoAsync(address);
        await page.WaitForCircuitAsync();

        cutOff = true;
        await circuit!.CloseAsync();
    }

    public static Task SignInAsync(this IPage page, DemoAccount account) => page.SignInAsync(account.Email, account.Password);

    public static Task SignInAsync(this IPage page, TestPerson person) => page.SignInAsync(person.Email, person.Password);

    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(password);
        await page.Locator("form button[type=submit]").First.ClickAsync();
        // Attached, not visible: on a phone-sized page the name sits in the closed drawer.
        await page.GetByTestId("user-name").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public static async Task SaveScreenshotAsync(this IPage page, string name)
    {
        // Only for the picture: the circuit has rendered, the web fonts are in, and every transition it started has
        // ended (the screenshot also fast-forwards any that would begin now).
        await page.WaitForCircuitAsync();
        await page.EvaluateAsync("() => document.fonts.ready");
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");
        var folder = Environment.GetEnvironmentVariable(ScreenshotsVariable) is { Length: > 0 } chosen
            ? Path.Combine(RepoPaths.Root, chosen)
            : Path.Combine(RepoPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new()
        {
            Path = Path.Combine(folder, name),
            FullPage = false,
            Animations = ScreenshotAnimations.Disabled,
        });
    }
}
