using Microsoft.AspNetCore.Components;

namespace CustomerCare.Web.Components.Shared;

/// <summary>The sign-in page's address that brings the person back to where they were once signed in.</summary>
public static class SignInLink
{
    /// <summary>Signing in, then back to the page <paramref name="navigation"/> shows now, query included.</summary>
    public static string Here(NavigationManager navigation)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        return For("/" + navigation.ToBaseRelativePath(navigation.Uri));
    }

    /// <summary>Signing in, then to <paramref name="returnPath"/> (a path of this portal, starting with "/").</summary>
    public static string For(string returnPath) => $"Account/Login?ReturnUrl={Uri.EscapeDataString(returnPath)}";
}
