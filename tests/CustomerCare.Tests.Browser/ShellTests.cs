using CustomerCare.Data.Entities;
using CustomerCare.Data.Seeding;
using CustomerCare.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class ShellTests(BrowserFixture browser)
{
    [Fact]
    public async Task Demo_customer_signs_in_and_sees_the_shell_in_English_and_in_German()
    {
        // The demo company and its customer on purpose: the screenshots are the README's, which shows what `dotnet run` shows.
        var page = await browser.OpenDemoPageAsync("en-US");

        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ideas");
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();

        await page.SignInAsync(DemoAccounts.Customer);
        await page.GotoAsync("/");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(DemoAccounts.Customer.DisplayName);
        await Expect(NavLink(page, "Complaints")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-staff")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("post-card").First).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("portal-en.png");

        await page.GetByTestId("culture-switch").Locator("a[lang=de]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ideen");
        await Expect(NavLink(page, "Reklamationen")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(DemoAccounts.Customer.DisplayName);
        await page.SaveScreenshotAsync("portal-de.png");

        // The choice is remembered: a fresh visit stays German although the browser asks for English.
        await page.GotoAsync("/roadmap");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Roadmap");
        await Expect(NavLink(page, "Ideen")).ToBeVisibleAsync();
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
        var lightBackground = await BackgroundAsync(page, "body");
        var lightAppBar = await BackgroundAsync(page, ".cc-appbar");

        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.WaitForFunctionAsync("() => document.cookie.includes('cc-theme=dark')");
        await page.ReloadAsync();

        await Expect(page.Locator("body")).ToHaveClassAsync("cc-dark");
        await page.WaitForCircuitAsync();
        Assert.NotEqual(lightBackground, await BackgroundAsync(page, "body"));
        // The app bar is our own markup on the theme's variables: it follows the theme too (CareTheme: #15201d).
        Assert.NotEqual(lightAppBar, await BackgroundAsync(page, ".cc-appbar"));
        Assert.Equal("rgb(21, 32, 29)", await BackgroundAsync(page, ".cc-appbar"));
    }

    [Fact]
    public async Task A_first_visit_follows_the_systems_dark_mode_until_the_visitor_chooses()
    {
        var page = await browser.OpenPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.GotoAsync("/");
        await page.WaitForCircuitAsync();
        var lightAppBar = await BackgroundAsync(page, ".cc-appbar");
        var toggle = page.GetByTestId("theme-toggle");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");

        // The system turns dark: the same page follows, without a reload or a circuit.
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        Assert.Equal("rgb(21, 32, 29)", await BackgroundAsync(page, ".cc-appbar"));
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(toggle).ToHaveAttributeAsync("title", "Light mode");
        await Expect(toggle.Locator(".cc-when-dark svg")).ToBeVisibleAsync();
        await Expect(toggle.Locator(".cc-when-light svg")).ToBeHiddenAsync();

        // The visitor asks for light: remembered, and light although the system stays dark.
        await toggle.ClickAsync();
        await page.WaitForFunctionAsync("() => document.cookie.includes('cc-theme=light')");
        await Expect(page.Locator("[data-testid=theme-toggle]:not([data-theme-system])")).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
        Assert.Equal(lightAppBar, await BackgroundAsync(page, ".cc-appbar"));
        await Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-pressed", "false");
    }

    [Fact]
    public async Task Staff_see_the_staff_desk_in_the_navigation()
    {
        var staff = await browser.Portal.AddPersonAsync(Roles.Staff, jobTitle: "Customer Care", ct: TestContext.Current.CancellationToken);
        var page = await browser.OpenPageAsync();

        await page.SignInAsync(staff);
        await page.GotoAsync("/staff");

        await Expect(page.GetByTestId("nav-staff")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("unanswered-count")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Portal_is_usable_at_phone_width()
    {
        // The demo company's board on purpose: the screenshot at the end is the README's.
        var page = await browser.OpenDemoPageAsync(width: 390, height: 844);
        await page.GotoAsync("/");
        await page.WaitForCircuitAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Ideas");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The page scrolls sideways at phone width.");

        await Expect(NavLink(page, "Roadmap")).Not.ToBeInViewportAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open or close the navigation" }).ClickAsync();
        await Expect(NavLink(page, "Roadmap")).ToBeInViewportAsync();
        await NavLink(page, "Roadmap").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Roadmap");
        await Expect(NavLink(page, "Roadmap")).Not.ToBeInViewportAsync();
        // Gone for the keyboard too: no tabbing into links nobody sees.
        await Expect(NavLink(page, "Roadmap")).Not.ToBeVisibleAsync();
        await page.SaveScreenshotAsync("portal-phone.png");
    }

    [Fact]
    public async Task Phone_navigation_closes_when_the_dimmed_page_beside_it_is_tapped()
    {
        var page = await browser.OpenPageAsync(width: 390, height: 844);
        await page.GotoAsync("/roadmap");
        await page.WaitForCircuitAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Open or close the navigation" }).ClickAsync();
        await Expect(NavLink(page, "Complaints")).ToBeInViewportAsync();
        await page.GetByTestId("nav-scrim").ClickAsync(new() { Position = new() { X = 350, Y = 400 } });

        await Expect(NavLink(page, "Complaints")).Not.ToBeInViewportAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Roadmap");
    }

    [Fact]
    public async Task Wide_screen_shows_the_navigation_without_a_click_even_on_the_account_pages()
    {
        var page = await browser.OpenPageAsync(width: 1280, height: 800);

        await page.GotoAsync("/complaints");
        await page.WaitForCircuitAsync();
        await Expect(NavLink(page, "Roadmap")).ToBeInViewportAsync();
        await Expect(NavLink(page, "Complaints")).ToHaveAttributeAsync("aria-current", "page");

        // The sign-in page renders without a circuit: the same navigation, drawn by the browser alone.
        await page.GotoAsync("Account/Login");
        await Expect(page.Locator(".cc-layout[data-interactive=false]")).ToHaveCountAsync(1);
        await Expect(NavLink(page, "Roadmap")).ToBeInViewportAsync();
    }

    [Fact]
    public async Task Account_pages_open_the_navigation_on_a_phone_without_a_circuit()
    {
        var page = await browser.OpenPageAsync(width: 390, height: 844);
        await page.GotoAsync("Account/Login");
        await Expect(page.Locator(".cc-layout[data-interactive=false]")).ToHaveCountAsync(1);
        await Expect(NavLink(page, "Roadmap")).Not.ToBeInViewportAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Open or close the navigation" }).ClickAsync();
        await Expect(NavLink(page, "Roadmap")).ToBeInViewportAsync();
        await NavLink(page, "Roadmap").ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Roadmap");
    }

    private static ILocator NavLink(IPage page, string name) =>
        page.GetByTestId("nav-drawer").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static Task<string> BackgroundAsync(IPage page, string selector) =>
        page.EvaluateAsync<string>("s => getComputedStyle(document.querySelector(s)).backgroundColor", selector);
}
