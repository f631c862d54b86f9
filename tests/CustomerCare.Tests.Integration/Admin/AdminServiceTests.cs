using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Admin;
using CustomerCare.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Admin;

public sealed class AdminServiceTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private readonly Dictionary<string, string> emails = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AdminService Service => portal.Services.GetRequiredService<AdminService>();

    [Theory]
    [InlineData(Roles.Customer)]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.ProductOwner)]
    public async Task Non_admins_may_neither_list_users_nor_change_roles(string role)
    {
        var someone = await PortalBrowser.CreateUserAsync(portal, PortalBrowser.NewEmail(role), roles: role);
        var target = await PortalBrowser.CreateUserAsync(portal, PortalBrowser.NewEmail("target"), roles: Roles.Customer);
        var viewer = new Viewer(someone.Id, role == Roles.Staff, role == Roles.ProductOwner, IsAdmin: false);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.ListUsersAsync(viewer, null, 0, 25, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.SetRoleAsync(viewer, target.Id, Roles.Staff, member: true, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.SetRoleAsync(viewer, someone.Id, Roles.Admin, member: true, Ct));
        Assert.Equal([Roles.Customer], (await PortalBrowser.FindAsync(portal, target.Email!)).Roles);
    }

    [Fact]
    public async Task Anonymous_viewer_is_refused()
    {
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.ListUsersAsync(Viewer.Anonymous, null, 0, 25, Ct));
    }

    [Fact]
    public async Task Admin_claim_without_the_role_in_the_database_is_refused()
    {
        // A cookie or circuit can carry a role for 30 minutes after it was taken away.
        var former = await PortalBrowser.CreateUserAsync(portal, PortalBrowser.NewEmail("former-admin"), roles: Roles.Customer);
        var stale = new Viewer(former.Id, false, false, IsAdmin: true);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.SetRoleAsync(stale, former.Id, Roles.Admin, member: true, Ct));
    }

    [Fact]
    public async Task Admin_can_grant_staff_and_take_it_back()
    {
        var admin = await AdminAsync();
        var target = await PortalBrowser.CreateUserAsync(portal, PortalBrowser.NewEmail("otto"), roles: Roles.Customer);

        var granted = await Service.SetRoleAsync(admin, target.Id, Roles.Staff, member: true, Ct);
        var again = await Service.SetRoleAsync(admin, target.Id, Roles.Staff, member: true, Ct);
        var rolesAfterGrant = (await PortalBrowser.FindAsync(portal, target.Email!)).Roles;
        var revoked = await Service.SetRoleAsync(admin, target.Id, Roles.Staff, member: false, Ct);

        Assert.Equal(RoleChange.Granted, granted);
        Assert.Equal(RoleChange.Unchanged, again);
        Assert.Contains(Roles.Staff, rolesAfterGrant);
        Assert.Equal(RoleChange.Revoked, revoked);
        Assert.Equal([Roles.Customer], (await PortalBrowser.FindAsync(portal, target.Email!)).Roles);
    }

    [Fact]
    public async Task Admin_cannot_drop_own_admin_role()
    {
        var admin = await AdminAsync();

        var outcome = await Service.SetRoleAsync(admin, admin.UserId!, Roles.Admin, member: false, Ct);

        Assert.Equal(RoleChange.CannotRemoveOwnAdmin, outcome);
        Assert.Contains(Roles.Admin, (await PortalBrowser.FindAsync(portal, EmailOf(admin))).Roles);
    }

    [Fact]
    public async Task Admin_can_take_admin_from_another_admin()
    {
        var admin = await AdminAsync();
        var other = await AdminAsync();

        var outcome = await Service.SetRoleAsync(admin, other.UserId!, Roles.Admin, member: false, Ct);

        Assert.Equal(RoleChange.Revoked, outcome);
        Assert.DoesNotContain(Roles.Admin, (await PortalBrowser.FindAsync(portal, EmailOf(other))).Roles);
    }

    [Fact]
    public async Task Unknown_user_or_role_is_reported()
    {
        var admin = await AdminAsync();

        Assert.Equal(RoleChange.UserNotFound, await Service.SetRoleAsync(admin, "no-such-user", Roles.Staff, member: true, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Service.SetRoleAsync(admin, admin.UserId!, "Superuser", member: true, Ct));
    }

    [Fact]
    public async Task Search_finds_users_by_part_of_name_or_email_in_any_case_and_pages()
    {
        var admin = await AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            await PortalBrowser.CreateUserAsync(portal, $"needle{i}-{tag}@example.com", roles: Roles.Customer);
        }

        var firstPage = await Service.ListUsersAsync(admin, $"NEEDLE0-{tag.ToUpperInvariant()}", 0, 25, Ct);
        var byName = await Service.ListUsersAsync(admin, $"test needle1-{tag}", 0, 25, Ct);
        var paged = await Service.ListUsersAsync(admin, tag, 1, 2, Ct);

        var row = Assert.Single(firstPage.Users);
        Assert.Equal($"needle0-{tag}@example.com", row.Email);
        Assert.Equal([Roles.Customer], row.Roles);
        Assert.Equal($"needle1-{tag}@example.com", Assert.Single(byName.Users).Email);
        Assert.Equal(3, paged.Total);
        Assert.Equal($"needle2-{tag}@example.com", Assert.Single(paged.Users).Email);
    }

    private async Task<Viewer> AdminAsync()
    {
        var user = await PortalBrowser.CreateUserAsync(portal, PortalBrowser.NewEmail("admin"), roles: [Roles.Customer, Roles.Admin]);
        emails[user.Id] = user.Email!;
        return new Viewer(user.Id, false, false, IsAdmin: true);
    }

    private string EmailOf(Viewer viewer) => emails[viewer.UserId!];
}
