using CustomerCare.Data.Entities;
using CustomerCare.Web.Components.Layout;

namespace CustomerCare.Tests.Component;

public sealed class NavMenuTests : ComponentTestContext
{
    [Fact]
    public void Everyone_sees_ideas_complaints_and_roadmap()
    {
        var nav = Render<NavMenu>();

        var links = nav.FindAll("a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Ideas", "Complaints", "Roadmap", "Changelog"], links);
    }

    [Fact]
    public void Customer_does_not_see_the_staff_desk()
    {
        Auth.SetAuthorized("clara@example.test");
        Auth.SetRoles(Roles.Customer);

        var nav = Render<NavMenu>();

        Assert.Empty(nav.FindAll("[data-testid=nav-staff]"));
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.ProductOwner)]
    [InlineData(Roles.Admin)]
    public void People_who_work_here_see_the_staff_desk(string role)
    {
        Auth.SetAuthorized("anna@example.test");
        Auth.SetRoles(role);

        var nav = Render<NavMenu>();

        Assert.Single(nav.FindAll("[data-testid=nav-staff]"));
    }

    [Fact]
    public void Only_admins_see_users_and_roles()
    {
        Auth.SetAuthorized("sabine@example.test");
        Auth.SetRoles(Roles.Staff);
        Assert.DoesNotContain("Users and roles", Render<NavMenu>().Markup, StringComparison.Ordinal);

        Auth.SetRoles(Roles.Admin);
        Assert.Contains("Users and roles", Render<NavMenu>().Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Navigation_speaks_German()
    {
        UseCulture("de");

        var nav = Render<NavMenu>();

        Assert.Contains("Ideen", nav.Markup, StringComparison.Ordinal);
        Assert.Contains("Reklamationen", nav.Markup, StringComparison.Ordinal);
    }
}
