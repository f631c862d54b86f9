using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Components.Layout;
using MudBlazor;

namespace CustomerCare.Tests.Component.Layout;

/// <summary>
/// The portal's theme provider renders exactly what MudBlazor's does (from one string per look for all pages; the
/// memory suite in benchmarks/ measures the sharing).
/// </summary>
public sealed class CareThemeProviderTests : ComponentTestContext
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Renders_the_same_stylesheet_as_MudThemeProvider(bool dark, bool defaultScrollbar)
    {
        var mud = Render<MudThemeProvider>(p => p.Add(x => x.Theme, CareTheme.Theme).Add(x => x.IsDarkMode, dark).Add(x => x.DefaultScrollbar, defaultScrollbar));
        var care = Render<CareThemeProvider>(p => p.Add(x => x.Theme, CareTheme.Theme).Add(x => x.IsDarkMode, dark).Add(x => x.DefaultScrollbar, defaultScrollbar));

        Assert.Contains("--mud-palette-primary", care.Markup, StringComparison.Ordinal);
        Assert.Equal(mud.Markup, care.Markup);
    }

    [Fact]
    public void A_page_switching_to_dark_gets_the_dark_stylesheet_and_back()
    {
        var page = Render<CareThemeProvider>(p => p.Add(x => x.Theme, CareTheme.Theme));
        var light = page.Markup;

        page.Render(p => p.Add(x => x.IsDarkMode, true));
        Assert.Equal(Render<MudThemeProvider>(p => p.Add(x => x.Theme, CareTheme.Theme).Add(x => x.IsDarkMode, true)).Markup, page.Markup);

        page.Render(p => p.Add(x => x.IsDarkMode, false));
        Assert.Equal(light, page.Markup);
        Assert.NotEqual(light, Render<CareThemeProvider>(p => p.Add(x => x.Theme, CareTheme.Theme).Add(x => x.IsDarkMode, true)).Markup);
    }

    [Fact]
    public void The_system_dark_theme_is_the_dark_stylesheet_applied_only_while_the_system_is_dark()
    {
        var dark = Render<MudThemeProvider>(p => p.Add(x => x.Theme, CareTheme.Theme).Add(x => x.IsDarkMode, true)).Markup;
        var light = Render<MudThemeProvider>(p => p.Add(x => x.Theme, CareTheme.Theme)).Markup;

        var system = Render<SystemDarkTheme>(p => p.Add(x => x.Theme, CareTheme.Theme).Add(x => x.IsDarkMode, true).Add(x => x.ObserveSystemDarkModeChange, false)).Markup;

        var background = Line(dark, "--mud-palette-background:");
        Assert.NotEqual(Line(light, "--mud-palette-background:"), background);
        Assert.Contains(background, system, StringComparison.Ordinal);
        Assert.StartsWith("<style", system, StringComparison.Ordinal);
        Assert.Contains(">@media (prefers-color-scheme: dark){", system, StringComparison.Ordinal);
        Assert.EndsWith("}</style>", system.TrimEnd(), StringComparison.Ordinal);
        Assert.Single(system.Split("<style")[1..]);
        // The dark theme's rules, all of them.
        var theme = dark[dark.LastIndexOf("<style", StringComparison.Ordinal)..];
        var rules = theme[(theme.IndexOf('>', StringComparison.Ordinal) + 1)..theme.LastIndexOf("</style>", StringComparison.Ordinal)];
        Assert.Contains(rules, system, StringComparison.Ordinal);
    }

    [Fact]
    public void A_theme_that_is_not_one_style_element_is_refused_rather_than_half_wrapped() =>
        Assert.Throws<InvalidOperationException>(() => SystemDarkTheme.WhenSystemIsDark(":root{--x: 1;}"));

    private static string Line(string markup, string start) =>
        markup.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(start, StringComparison.Ordinal));

    [Fact]
    public void Pages_keep_one_shared_copy_of_each_stylesheet()
    {
        var markup = Render<MudThemeProvider>(p => p.Add(x => x.Theme, CareTheme.Theme)).Markup;
        var first = new string(markup.AsSpan());
        var second = new string(markup.AsSpan());

        Assert.Same(CareThemeProvider.Shared(first), CareThemeProvider.Shared(second));
    }
}
