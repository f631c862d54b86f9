using CustomerCare.Data.Seeding;
using Microsoft.Playwright;

namespace CustomerCare.Tests.Browser.Accessibility;

/// <summary>One page as one person sees it: the route it belongs to, the address opened ({idea}, {complaint} of the demo company), who.</summary>
internal sealed record AccessibilityView(string Route, string Address, DemoAccount? As = null, bool Interactive = true, Func<IPage, Task>? Then = null);

/// <summary>The views <see cref="AccessibilityTests"/> checks: every page, as each person who reaches a different state of it.</summary>
internal static class AccessibilityViews
{
    private static readonly DemoAccount Customer = DemoAccounts.Customer;
    private static readonly DemoAccount Staff = DemoAccounts.Staff;
    private static readonly DemoAccount Owner = DemoAccounts.ProductOwner;
    private static readonly DemoAccount Admin = DemoAccounts.Admin;

    public static readonly IReadOnlyList<AccessibilityView> All =
    [
        new("/", "/"),
        new("/ideas", "/ideas?sort=top&q=rechnung"),
        new("/roadmap", "/roadmap"),
        new("/changelog", "/changelog"),
        new("/people/{Id}", "/", Then: OpenACustomersProfileAsync),
        new("/team", "/team"),
        new("/team/{Id}", "/team", Then: page => OpenProfileAsync(page, Staff)),
        new("/posts/{Id:int}", "/posts/{idea}"),
        new("/complaints", "/complaints"),
        new("/not-found", "/no/such/page"),
        new("/Error", "/Error", Interactive: false),
        new("/privacy", "/privacy", Interactive: false),
        new("/Account/Login", "/Account/Login", Interactive: false),
        new("/Account/Register", "/Account/Register", Interactive: false),
        new("/Account/ForgotPassword", "/Account/ForgotPassword", Interactive: false),
        new("/Account/ResendEmailConfirmation", "/Account/ResendEmailConfirmation", Interactive: false),
        new("/Account/ResetPassword", "/Account/ResetPassword?code=abc", Interactive: false),
        new("/Account/ResetPasswordConfirmation", "/Account/ResetPasswordConfirmation", Interactive: false),
        new("/Account/Lockout", "/Account/Lockout", Interactive: false),
        new("/Account/AccessDenied", "/Account/AccessDenied", Interactive: false),
        new("/Account/ConfirmEmail", "/Account/ConfirmEmail?userId=x&code=y", Interactive: false),
        new("/Account/ExternalLogin", "/Account/ExternalLogin", Interactive: false),

        new("/", "/", Customer),
        new("/posts/{Id:int}", "/posts/{idea}", Customer),
        new("/ideas/new", "/ideas/new", Customer),
        new("/complaints/new", "/complaints/new", Customer),
        new("/complaints", "/complaints", Customer),
        new("/posts/{Id:int}", "/posts/{complaint}", Customer),
        new("/notifications", "/notifications", Customer),
        new("/account/notifications", "/account/notifications", Customer),
        new("/account/data", "/account/data", Customer),
        new("/account/delete", "/account/delete", Customer, Interactive: false),
        new("/account/tokens", "/account/tokens", Customer, Interactive: false),
        new("/account/deleted", "/account/deleted", Interactive: false),

        new("/staff", "/staff", Staff),
        new("/posts/{Id:int}", "/posts/{complaint}", Staff),
        new("/moderation", "/moderation", Staff),
        new("/team/{Id}", "/team", Staff, Then: page => OpenProfileAsync(page, Staff)),
        new("/customers/{Id}", "/staff", Staff, Then: OpenAStoryFromTheDeskAsync),

        new("/posts/{Id:int}", "/posts/{idea}", Owner),
        new("/roadmap", "/roadmap", Owner),
        new("/insights", "/insights?period=year", Owner),

        new("/admin/users", "/admin/users", Admin),
        new("/admin/security", "/admin/security", Admin),
        new("/admin/webhooks", "/admin/webhooks", Admin),
        new("/admin/data-requests", "/admin/data-requests", Admin),
        new("/admin/data-requests", "/admin/data-requests", Admin, Then: PickTheDemoCustomerAsync),
    ];

    /// <summary>Routes that show nothing of their own, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotPages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/notifications/open/{Id:long}"] = "marks the notification read and redirects to what it is about",
    };

    // A profile as the team page links it (ids are the demo's own, made at each start); the staff member's own shows
    // the notes only they see as well.
    private static async Task OpenProfileAsync(IPage page, DemoAccount person)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = person.DisplayName, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = person.DisplayName }).WaitForAsync();
    }

    // A customer's public profile as everyone reaches it: from an author line on the board.
    private static async Task OpenACustomersProfileAsync(IPage page)
    {
        await page.Locator("a.cc-person-link[href^='/people/']").First.ClickAsync();
        await page.WaitForURLAsync("**/people/**");
        await page.GetByTestId("people-since").WaitForAsync();
    }

    // A customer's story as staff reach it: from a row of the desk.
    private static async Task OpenAStoryFromTheDeskAsync(IPage page)
    {
        await page.GetByTestId("desk-story").First.ClickAsync();
        await page.WaitForURLAsync("**/customers/**");
        await page.GetByTestId("story-since").WaitForAsync();
    }

    // The request form as the admin fills it: the demo customer found by address and picked from the list.
    private static async Task PickTheDemoCustomerAsync(IPage page)
    {
        await page.Locator("[data-testid=requests-person] input, input[data-testid=requests-person]").First.FillAsync(Customer.Email);
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await page.GetByTestId("requests-subject").WaitForAsync();
    }
}
