using CustomerCare.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class ShellTests(BrowserFixture browser)
{
    [Fact]
    public async Task Demo_customer_signs_in_and_sees_the_shell_in_English_and_in_German()
    {
        var page = await browser.OpenPageAsync("en-US");

        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ideas");
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();

        await page.SignInAsync(DemoAccounts.Customer);
        await page.GotoAsync("/");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(DemoAccounts.Customer.DisplayName);
        await Expect(page.Locator(".mud-nav-link", new() { HasText = "Complaints" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-staff")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("post-card").First).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("portal-en.png");

        await page.GetByTestId("culture-switch").Locator("a[lang=de]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ideen");
        await Expect(page.Locator(".mud-nav-link", new() { HasText = "Reklamationen" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(DemoAccounts.Customer.DisplayName);
        await page.SaveScreenshotAsync("portal-de.png");

        // The choice is remembered: a fresh visit stays German although the browser asks for English.
        await page.GotoAsync("/roadmap");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Roadmap");
        await Expect(page.Locator(".mud-nav-link", new() { HasText = "Ideen" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Browser_that_prefers_German_gets_German_without_choosing()
    {
        var page = await browser.OpenPageAsync("de-DE");

        await page.GotoAsync("/complaints");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Reklamationen");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
    }

    [Fact]
    public async Task Dark_mode_choice_is_remembered_after_a_reload()
    {
        var page = await browser.OpenPageAsync();
        await page.GotoAsync("/");
        await page.WaitForCircuitAsync();
        var lightBackground = await BackgroundAsync(page);

        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.WaitForFunctionAsync("() => document.cookie.includes('cc-theme=dark')");
        await page.ReloadAsync();

        await Expect(page.Locator("body")).ToHaveClassAsync("cc-dark");
        await page.WaitForCircuitAsync();
        Assert.NotEqual(lightBackground, await BackgroundAsync(page));
    }

    [Fact]
    public async Task Staff_see_the_staff_desk_in_the_navigation()
    {
        var page = await browser.OpenPageAsync();

        await page.SignInAsync(DemoAccounts.Staff);
        await page.GotoAsync("/staff");

        await Expect(page.GetByTestId("nav-staff")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("unanswered-count")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Portal_is_usable_at_phone_width()
    {
        var page = await browser.OpenPageAsync(width: 390, height: 844);
        await page.GotoAsync("/");
        await page.WaitForCircuitAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Ideas");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The page scrolls sideways at phone width.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Open or close the navigation" }).ClickAsync();
        await page.Locator(".mud-nav-link", new() { HasText = "Roadmap" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Roadmap");
        await page.SaveScreenshotAsync("portal-phone.png");
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
