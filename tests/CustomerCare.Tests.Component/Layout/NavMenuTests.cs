using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Components.Layout;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Tests.Component.Layout;

public sealed class NavMenuTests : ComponentTestContext
{
    private static readonly Viewer Customer = new("clara", false, false, false);
    private static readonly Viewer Staff = new("anna", true, false, false);
    private static readonly Viewer ProductOwner = new("jonas", false, true, false);
    private static readonly Viewer Admin = new("sabine", false, false, true);

    [Fact]
    public void Everyone_sees_ideas_complaints_roadmap_changelog_and_the_team()
    {
        var nav = RenderNav("", Viewer.Anonymous);

        var links = nav.FindAll("a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Ideas", "Complaints", "Roadmap", "Changelog", "Our team"], links);
    }

    [Fact]
    public void Customer_does_not_see_the_staff_desk_or_the_moderation_queue()
    {
        var nav = RenderNav("", Customer);

        Assert.Empty(nav.FindAll("[data-testid=nav-staff]"));
        Assert.Empty(nav.FindAll("[data-testid=nav-moderation]"));
    }

    [Fact]
    public void People_who_work_here_see_the_staff_desk_and_the_moderation_queue()
    {
        foreach (var viewer in new[] { Staff, ProductOwner, Admin })
        {
            Assert.Equal("/staff", RenderNav("", viewer).Find("[data-testid=nav-staff]").GetAttribute("href"));
            Assert.Equal("/moderation", RenderNav("", viewer).Find("[data-testid=nav-moderation]").GetAttribute("href"));
        }
    }

    [Fact]
    public void Only_admins_see_users_and_roles()
    {
        Assert.DoesNotContain("Users and roles", RenderNav("", Staff).Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Users and roles", RenderNav("", ProductOwner).Markup, StringComparison.Ordinal);

        Assert.Contains("Users and roles", RenderNav("", Admin).Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Ideas")]
    [InlineData("?sort=top", "Ideas")]
    [InlineData("complaints", "Complaints")]
    [InlineData("complaints/12", "Complaints")]
    [InlineData("Complaints/12#reply-3", "Complaints")]
    [InlineData("roadmap", "Roadmap")]
    [InlineData("staff?filter=escalated", "Staff desk")]
    [InlineData("admin/users", "Users and roles")]
    public void Only_the_current_pages_link_is_marked_current(string currentPath, string current)
    {
        var nav = RenderNav(currentPath, Admin);

        var marked = nav.FindAll("a[aria-current=page]");
        Assert.Equal(current, Assert.Single(marked).TextContent.Trim());
        Assert.Single(nav.FindAll(".cc-nav-link-active"));
    }

    [Theory]
    [InlineData("posts/31")]
    [InlineData("notifications")]
    [InlineData("complaintsarchive")]
    [InlineData("not-found")]
    public void Pages_outside_the_navigation_mark_no_link(string currentPath)
    {
        var nav = RenderNav(currentPath, Admin);

        Assert.Empty(nav.FindAll("a[aria-current]"));
        Assert.Empty(nav.FindAll(".cc-nav-link-active"));
    }

    [Fact]
    public void Navigation_speaks_German()
    {
        UseCulture("de");

        var nav = RenderNav("", Viewer.Anonymous);

        Assert.Contains("Ideen", nav.Markup, StringComparison.Ordinal);
        Assert.Contains("Reklamationen", nav.Markup, StringComparison.Ordinal);
    }

    private IRenderedComponent<NavMenu> RenderNav(string currentPath, Viewer viewer) =>
        Render<NavMenu>(p => p.Add(n => n.CurrentPath, currentPath).Add(n => n.Viewer, viewer));
}
