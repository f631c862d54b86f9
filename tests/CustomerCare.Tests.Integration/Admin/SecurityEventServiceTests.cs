using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Admin;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Infrastructure.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Admin;

/// <summary>
/// The security log: written by the account pages, the sign-out and the admin's role changes, read by admins only.
/// Each test reads the events of the people it made (the filter) or of its own address.
/// </summary>
public abstract class SecurityEventServiceTests(PortalFactory portal)
{
    private const string TypedPassword = "Tr0ub4dor&3-typed";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SecurityEventService Service => portal.Services.GetRequiredService<SecurityEventService>();

    [Theory]
    [InlineData(null)]
    [InlineData(Roles.Customer)]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.ProductOwner)]
    public async Task Only_admins_read_the_log(string? role)
    {
        var viewer = role is null ? Viewer.Anonymous : (await portal.AddPersonAsync(role, ct: Ct)).Viewer;

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.ListAsync(viewer, null, 0, 25, Ct));
    }

    [Fact]
    public async Task Admin_reads_the_log_and_a_stale_admin_claim_is_refused()
    {
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        var former = await portal.AddPersonAsync(Roles.Customer, ct: Ct);

        var page = await Service.ListAsync(admin.Viewer, null, 0, 25, Ct);

        Assert.True(page.Total >= 0);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.ListAsync(former.Viewer with { IsAdmin = true }, null, 0, 25, Ct));
    }

    [Fact]
    public async Task Sign_ins_sign_outs_and_failures_are_recorded_newest_first_with_the_client_address()
    {
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        var person = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        using var browser = new PortalBrowser(portal, clientAddress: "192.0.2.61");

        await browser.SignInAsync(person.Email, "Wrong!2345");
        await browser.SignInAsync(person.Email, person.Password);
        using (await browser.SignOutAsync())
        {
        }

        var events = (await Service.ListAsync(admin.Viewer, person.Email, 0, 25, Ct)).Events;
        Assert.Equal([SecurityEventKind.SignedOut, SecurityEventKind.SignedIn, SecurityEventKind.SignInFailed], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal("192.0.2.61", e.ClientAddress));
        Assert.All(events, e => Assert.Equal($"{person.DisplayName} <{person.Email}>", e.Person));
    }

    [Fact]
    public async Task A_role_change_names_the_role_and_the_admin_who_made_it()
    {
        var admin = await portal.AddPersonAsync(Roles.Admin, "Sabine Security", ct: Ct);
        var person = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var roles = portal.Services.GetRequiredService<AdminService>();

        await roles.SetRoleAsync(admin.Viewer, person.Id, Roles.Staff, member: true, Ct);
        await roles.SetRoleAsync(admin.Viewer, person.Id, Roles.Staff, member: false, Ct);

        var events = (await Service.ListAsync(admin.Viewer, person.Email, 0, 25, Ct)).Events;
        Assert.Equal([SecurityEventKind.RoleRevoked, SecurityEventKind.RoleGranted], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal(Roles.Staff, e.Detail));
        Assert.All(events, e => Assert.Equal($"Sabine Security <{admin.Email}>", e.Actor));
    }

    [Fact]
    public async Task Reset_requests_and_registrations_of_a_taken_address_are_recorded()
    {
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        var person = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        using var browser = new PortalBrowser(portal, clientAddress: "192.0.2.62");

        await browser.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = person.Email });
        await browser.RegisterAsync("Someone Else", person.Email, PortalBrowser.GoodPassword);

        var events = (await Service.ListAsync(admin.Viewer, person.Email, 0, 25, Ct)).Events;
        Assert.Equal([SecurityEventKind.RegistrationForExistingAddress, SecurityEventKind.PasswordResetRequested], events.Select(e => e.Kind));
    }

    [Fact]
    public async Task An_unknown_name_is_kept_as_a_hash_and_no_typed_password_is_stored_anywhere()
    {
        var nobody = PortalBrowser.NewEmail("nobody");
        using var browser = new PortalBrowser(portal, clientAddress: "192.0.2.63");

        await browser.SignInAsync(nobody, TypedPassword);
        await browser.SignInAsync(TypedPassword, TypedPassword);

        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        var rows = await db.SecurityEvents.AsNoTracking().Where(e => e.ClientAddress == "192.0.2.63").OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(SecurityEventKind.SignInFailed, r.Kind));
        Assert.All(rows, r => Assert.Null(r.UserId));
        Assert.Equal(SecurityLog.HashOf(nobody), rows[0].AccountHash);
        Assert.Null(rows[1].AccountHash);
        var everything = string.Join("|", (await db.SecurityEvents.AsNoTracking().ToListAsync(Ct))
            .Select(r => $"{r.UserId}|{r.AccountHash}|{r.ActorId}|{r.ClientAddress}|{r.Detail}"));
        Assert.DoesNotContain(TypedPassword, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(nobody, everything, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_log_pages_newest_first_and_filters_by_person()
    {
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        var person = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var other = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var log = portal.Services.GetRequiredService<SecurityLog>();
        for (var i = 0; i < 5; i++)
        {
            await log.RecordAsync(SecurityEventKind.SignedIn, person.Id, System.Net.IPAddress.Parse($"192.0.2.{70 + i}"), ct: Ct);
            await log.RecordAsync(SecurityEventKind.SignedIn, other.Id, null, ct: Ct);
        }

        var first = await Service.ListAsync(admin.Viewer, person.Email, 0, 2, Ct);
        var third = await Service.ListAsync(admin.Viewer, person.DisplayName.ToUpperInvariant(), 2, 2, Ct);

        Assert.Equal(5, first.Total);
        Assert.False(first.Capped);
        Assert.Equal(["192.0.2.74", "192.0.2.73"], first.Events.Select(e => e.ClientAddress));
        Assert.Equal(["192.0.2.70"], third.Events.Select(e => e.ClientAddress));
        Assert.All(first.Events.Concat(third.Events), e => Assert.Equal(person.Id, e.UserId));
    }
}

public sealed class SqliteSecurityEventServiceTests(EmptyPortalFactory portal) : SecurityEventServiceTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresSecurityEventServiceTests(EmptyPostgresPortalFactory portal) : SecurityEventServiceTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
