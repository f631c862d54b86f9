using MudBlazor;

namespace CustomerCare.Web.Components.Layout;

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
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#4fb59a",
            Secondary = "#f06292",
            AppbarBackground = "#15201d",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
