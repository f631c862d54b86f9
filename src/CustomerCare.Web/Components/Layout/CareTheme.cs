using MudBlazor;

namespace CustomerCare.Web.Components.Layout;

/// <summary>
/// The portal's colours, chosen for WCAG 2.1 AA in both themes: text and the status colours (chips, alerts, the
/// "waiting" marks of the desk) reach 4.5:1 on the background and the surface, and the text on a filled colour reaches
/// it on that colour. MudBlazor's defaults do not (its success green is 2.2:1 on white, its secondary text 4.46:1 on
/// our background); AccessibilityTests checks every page with axe-core in both themes.
/// </summary>
public static class CareTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f6f5c",
            Secondary = "#c2185b",
            AppbarBackground = "#1f6f5c",
            Background = "#f6f8f7",
            TextSecondary = "#5c5e5d",
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#9a5b00",
            Error = "#c62828",
        },
        PaletteDark = new PaletteDark
        {
            // 4.7:1 or more on the background and the surface even under the pointer's tint (an outlined "Unfollow" was
            // 4.08 with #4fb59a); the text on it 8.5:1.
            Primary = "#62c9ad",
            PrimaryContrastText = "#0b1f1a",
            Secondary = "#f48fb1",
            SecondaryContrastText = "#1f0a12",
            AppbarBackground = "#15201d",
            TextSecondary = "#b9b9bd",
            Info = "#64b5f6",
            InfoContrastText = "#06192b",
            Success = "#0bba83",
            SuccessContrastText = "#001a10",
            Warning = "#ffa800",
            WarningContrastText = "#000000",
            Error = "#ff8a80",
            ErrorContrastText = "#1a0000",

            // MudBlazor writes an alert's text in the "darken" shade, which on a dark page must be the lighter one.
            InfoDarken = "#90caf9",
            SuccessDarken = "#6ee7b7",
            WarningDarken = "#ffc561",
            ErrorDarken = "#ffb4ab",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
