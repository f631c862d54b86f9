using CustomerCare.Data.Seeding;
using CustomerCare.Tests.Support;
using Microsoft.Playwright;

namespace CustomerCare.Tests.Browser;

internal static class PageExtensions
{
    /// <summary>Blazor is interactive once the circuit is up; clicks before that would be lost.</summary>
    public static async Task WaitForCircuitAsync(this IPage page) =>
        await page.Locator(".cc-layout[data-interactive=true]").WaitForAsync();

    public static async Task SignInAsync(this IPage page, DemoAccount account)
    {
        await page.GotoAsync("Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(account.Email);
        await page.Locator("input[name='Input.Password']").FillAsync(account.Password);
        await page.Locator("form button[type=submit]").First.ClickAsync();
        await page.GetByTestId("user-name").WaitForAsync();
    }

    /// <summary>Screenshots land in docs/screenshots, where the README shows them.</summary>
    public static async Task SaveScreenshotAsync(this IPage page, string name)
    {
        // Only for the picture: let the circuit render and anything it opened finish its animation.
        await page.WaitForCircuitAsync();
        await page.WaitForTimeoutAsync(600);
        var folder = Path.Combine(RepoPaths.Root, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = false });
    }
}
