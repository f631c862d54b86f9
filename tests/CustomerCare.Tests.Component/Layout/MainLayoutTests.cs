using System.Security.Claims;
using Bunit.TestDoubles;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Components.Account;
using CustomerCare.Web.Components.Layout;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Staff;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CustomerCare.Tests.Component.Layout;

/// <summary>The layout as plain markup: navigation marked by the address, the drawer's toggle, labelled icon buttons.</summary>
public sealed class MainLayoutTests : ComponentTestContext
{
    public MainLayoutTests()
    {
        Services.Configure<PortalOptions>(o => o.Company = "Lindenhof Energie");
        Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        // The bell and the badge are live components with tests of their own.
        ComponentFactories.AddStub<NotificationBell>();
        ComponentFactories.AddStub<EscalationBadge>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void Navigating_moves_the_current_mark_to_the_new_pages_link()
    {
        var layout = Render<MainLayout>();
        Assert.Equal("Ideas", CurrentLink(layout));

        Services.GetRequiredService<NavigationManager>().NavigateTo("/complaints/12");

        layout.WaitForAssertion(() => Assert.Equal("Complaints", CurrentLink(layout)));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/posts/31");
        layout.WaitForAssertion(() => Assert.Empty(layout.FindAll("[data-testid=nav-drawer] a[aria-current]")));
    }

    // One layout per test: MudBlazor's popover provider exists once per page.
    [Theory]
    [InlineData(Roles.Customer, false, false)]
    [InlineData(Roles.Staff, true, false)]
    [InlineData(Roles.ProductOwner, true, false)]
    [InlineData(Roles.Admin, true, true)]
    public void Staff_and_admin_links_follow_the_signed_in_role(string role, bool staffDesk, bool users)
    {
        SignInNamed("someone", role);

        var layout = Render<MainLayout>();
        var drawer = layout.Find("[data-testid=nav-drawer]");

        Assert.Equal(staffDesk, drawer.QuerySelector("[data-testid=nav-staff]") is not null);
        Assert.Equal(users, drawer.TextContent.Contains("Users and roles", StringComparison.Ordinal));
        // The bell for everyone signed in; the escalation badge for the team lead (admin) alone.
        Assert.Single(layout.FindComponents<Stub<NotificationBell>>());
        Assert.Equal(users, layout.FindComponents<Stub<EscalationBadge>>().Count == 1);
    }

    [Fact]
    public void On_a_phone_the_toggle_opens_the_drawer_and_choosing_a_page_closes_it()
    {
        UseScreenWidth(390);
        var layout = Render<MainLayout>();
        Assert.Equal("cc-layout", LayoutClass(layout));

        layout.Find("[data-testid=nav-toggle]").Click();
        layout.WaitForAssertion(() => Assert.Contains("cc-nav-open", LayoutClass(layout), StringComparison.Ordinal));

        Services.GetRequiredService<NavigationManager>().NavigateTo("/roadmap");
        layout.WaitForAssertion(() => Assert.Equal("cc-layout", LayoutClass(layout)));

        layout.Find("[data-testid=nav-toggle]").Click();
        layout.WaitForAssertion(() => Assert.Contains("cc-nav-open", LayoutClass(layout), StringComparison.Ordinal));
        layout.Find("[data-testid=nav-scrim]").Click();
        layout.WaitForAssertion(() => Assert.Contains("cc-nav-closed", LayoutClass(layout), StringComparison.Ordinal));
    }

    [Fact]
    public void On_a_wide_screen_the_toggle_closes_the_open_drawer_and_opens_it_again()
    {
        UseScreenWidth(1280);
        var layout = Render<MainLayout>();

        layout.Find("[data-testid=nav-toggle]").Click();
        layout.WaitForAssertion(() => Assert.Contains("cc-nav-closed", LayoutClass(layout), StringComparison.Ordinal));

        // Navigating elsewhere keeps a wide screen's choice.
        Services.GetRequiredService<NavigationManager>().NavigateTo("/roadmap");
        layout.Find("[data-testid=nav-toggle]").Click();
        layout.WaitForAssertion(() => Assert.Contains("cc-nav-open", LayoutClass(layout), StringComparison.Ordinal));
    }

    [Fact]
    public void Every_icon_only_control_has_a_label_and_a_tooltip()
    {
        SignInNamed("clara", Roles.Customer);
        var layout = Render<MainLayout>();

        var iconOnly = layout.FindAll(".cc-icon-button");
        Assert.Equal(["nav-toggle", "theme-toggle", "user-settings"], iconOnly.Select(b => b.GetAttribute("data-testid") ?? ""));
        foreach (var control in iconOnly)
        {
            Assert.False(string.IsNullOrWhiteSpace(control.GetAttribute("aria-label")), control.OuterHtml);
            Assert.False(string.IsNullOrWhiteSpace(control.GetAttribute("title")), control.OuterHtml);
            Assert.Empty(control.TextContent.Trim());
        }

        Assert.Equal("Open or close the navigation", layout.Find("[data-testid=nav-toggle]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task The_theme_toggle_says_dark_mode_and_whether_it_is_on()
    {
        var layout = Render<MainLayout>();
        var toggle = layout.Find("[data-testid=theme-toggle]");
        Assert.Equal("Dark mode", toggle.GetAttribute("aria-label"));
        Assert.Equal("false", toggle.GetAttribute("aria-pressed"));

        await toggle.ClickAsync(new());

        layout.WaitForAssertion(() => Assert.Equal("true", layout.Find("[data-testid=theme-toggle]").GetAttribute("aria-pressed")));
        Assert.Equal("Dark mode", layout.Find("[data-testid=theme-toggle]").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_first_focusable_element_skips_to_the_main_region_of_this_page()
    {
        SignInNamed("clara", Roles.Customer);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/posts/31?tab=replies#reply-7");

        var layout = Render<MainLayout>();

        var first = layout.FindAll("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])")[0];
        Assert.Equal("skip-link", first.GetAttribute("data-testid"));
        Assert.Equal("Skip to content", first.TextContent.Trim());
        // This page's address: with <base href="/"> a bare "#main-content" would be the home page's.
        Assert.Equal("posts/31?tab=replies#main-content", first.GetAttribute("href"));
        var main = Assert.Single(layout.FindAll("main"));
        Assert.Equal("main-content", main.Id);
        Assert.Equal("-1", main.GetAttribute("tabindex"));
    }

    [Fact]
    public void The_shell_has_one_banner_one_navigation_and_one_main_region()
    {
        SignInNamed("clara", Roles.Customer);

        var layout = Render<MainLayout>();

        Assert.Single(layout.FindAll("header"));
        Assert.Single(layout.FindAll("nav"));
        Assert.Single(layout.FindAll("main"));
        Assert.Empty(layout.FindAll("[role=banner], [role=navigation], [role=main]"));
    }

    [Fact]
    public void The_skip_link_speaks_German()
    {
        UseCulture("de");

        Assert.Equal("Zum Inhalt springen", Render<MainLayout>().Find("[data-testid=skip-link]").TextContent.Trim());
    }

    [Fact]
    public void Sign_out_posts_the_antiforgery_token_and_comes_back_to_the_same_page()
    {
        SignInNamed("clara", Roles.Customer);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/roadmap");

        var form = Render<MainLayout>().Find("form[action='Account/Logout']");

        Assert.Equal(FixedAntiforgery.Token, form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value"));
        Assert.Equal("roadmap", form.QuerySelector("input[name=ReturnUrl]")?.GetAttribute("value"));
    }

    [Fact]
    public void Visitors_get_a_sign_in_link_back_to_where_they_were_and_a_theme_toggle_for_app_js_without_a_circuit()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/roadmap");

        var layout = Render<MainLayout>();

        Assert.Equal("Account/Login?ReturnUrl=%2Froadmap", layout.Find("[data-testid=sign-in]").GetAttribute("href"));
        // app.js remembers the other theme and loads the page again in it.
        Assert.Equal("dark", layout.Find("[data-testid=theme-toggle]").GetAttribute("data-theme-next"));
        Assert.Equal("false", layout.Find(".cc-layout").GetAttribute("data-interactive"));
        Assert.Empty(layout.FindComponents<Stub<NotificationBell>>());
        Assert.Empty(layout.FindComponents<Stub<EscalationBadge>>());
        // The toggle is still there: app.js opens the drawer on pages without a circuit.
        Assert.Single(layout.FindAll("[data-testid=nav-toggle]"));
    }

    [Fact]
    public void Without_a_theme_chosen_a_page_without_a_circuit_follows_the_system_in_css()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var layout = Render<MainLayout>();

        Assert.Single(layout.FindComponents<SystemDarkTheme>());
        var toggle = layout.Find("[data-testid=theme-toggle]");
        Assert.True(toggle.HasAttribute("data-theme-system"));
        Assert.Equal("Light mode", toggle.GetAttribute("data-title-light"));
        Assert.Equal("Dark mode", toggle.GetAttribute("data-title-dark"));
        // Both icons: app.css shows the other mode's.
        Assert.Single(toggle.QuerySelectorAll(".cc-when-light svg"));
        Assert.Single(toggle.QuerySelectorAll(".cc-when-dark svg"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_chosen_theme_is_shown_as_chosen_without_the_system(bool dark)
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        // As Routes cascades it (bool?, null when the cookie holds no choice).
        var layout = Render<MainLayout>(p => p.AddCascadingValue("DarkMode", dark));

        Assert.Empty(layout.FindComponents<SystemDarkTheme>());
        var toggle = layout.Find("[data-testid=theme-toggle]");
        Assert.False(toggle.HasAttribute("data-theme-system"));
        Assert.Equal(dark ? "true" : "false", toggle.GetAttribute("aria-pressed"));
        Assert.Equal(dark ? "light" : "dark", toggle.GetAttribute("data-theme-next"));
    }

    [Fact]
    public void Without_a_theme_chosen_the_circuit_asks_the_browser_and_shows_its_mode()
    {
        JSInterop.Setup<bool>(_ => true).SetResult(true);

        var layout = Render<MainLayout>();

        layout.WaitForAssertion(() => Assert.Equal("true", layout.Find("[data-testid=theme-toggle]").GetAttribute("aria-pressed")));
        Assert.Empty(layout.FindComponents<SystemDarkTheme>());
        Assert.False(layout.Find("[data-testid=theme-toggle]").HasAttribute("data-theme-system"));
        var dark = Render<MudBlazor.MudThemeProvider>(p => p.Add(x => x.Theme, CareTheme.Theme).Add(x => x.IsDarkMode, true)).Markup;
        Assert.Equal(dark, layout.FindComponent<CareThemeProvider>().Markup);
    }

    private void UseScreenWidth(int width) =>
        JSInterop.Setup<BrowserWindowSize>("mudResizeListener.getBrowserWindowSize")
            .SetResult(new BrowserWindowSize { Width = width, Height = 800 });

    private static string CurrentLink(IRenderedComponent<MainLayout> layout) =>
        Assert.Single(layout.FindAll("[data-testid=nav-drawer] a[aria-current=page]")).TextContent.Trim();

    private static string LayoutClass(IRenderedComponent<MainLayout> layout) => layout.Find(".cc-layout").ClassName ?? "";

    private void SignInNamed(string userId, string role)
    {
        SignIn(userId, role);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId), new Claim(CareClaims.DisplayName, userId));
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public const string Token = "token-from-the-prerender";

        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new(Token, "__RequestVerificationToken");
    }
}
