using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Infrastructure.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Admin;

/// <summary>
/// Users and their roles, for admins only. Anyone else gets an <see cref="UnauthorizedAccessException"/>:
/// the page never offers them this, so reaching it is an error, not an outcome to show.
/// </summary>
public sealed class AdminService(IDbContextFactory<CareDb> dbs, IServiceScopeFactory scopes, AccessChanges access, SecurityLog securityLog)
{
    public const int MaxPageSize = 100;

    /// <summary>The search field's limit; a longer search is cut here, as no name or address is longer.</summary>
    public const int MaxSearchLength = 256;

    public async Task<UserPage> ListUsersAsync(Viewer viewer, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await EnsureAdminAsync(viewer, db, ct);

        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            // NormalizedEmail is upper case already; ToUpper() translates on SQLite, SQL Server and PostgreSQL
            // alike, while EF cannot translate the StringComparison overloads CA1862 asks for.
            var term = search.Trim().ToUpperInvariant();
            term = term[..Math.Min(term.Length, MaxSearchLength)];
#pragma warning disable CA1862
            users = users.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.ToUpper().Contains(term));
#pragma warning restore CA1862
        }

        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await users.CountAsync(ct);
        var rows = await users
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Skip(Math.Max(page, 0) * size)
            .Take(size)
            .Select(u => new { u.Id, u.DisplayName, u.AvatarUrl, u.Email, u.CustomerSince })
            .ToListAsync(ct);

        var ids = rows.Select(r => r.Id).ToList();
        var roles = await db.UserRoles.AsNoTracking()
            .Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var rolesOf = roles.ToLookup(r => r.UserId, r => r.Name ?? "");

        return new(
            [.. rows.Select(r => new UserRow(
                r.Id, r.DisplayName, r.AvatarUrl, r.Email ?? "", r.CustomerSince,
                [.. Roles.All.Where(role => rolesOf[r.Id].Contains(role))]))],
            total);
    }

    public async Task<RoleChange> SetRoleAsync(Viewer viewer, string userId, string role, bool member, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        }

        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            await EnsureAdminAsync(viewer, db, ct);
        }

        // Another admin can take the role away; an admin cannot drop their own, so the portal always keeps one.
        if (!member && role == Roles.Admin && userId == viewer.UserId)
        {
            return RoleChange.CannotRemoveOwnAdmin;
        }

        // A circuit lives for hours; UserManager and its store get a fresh scope (and DbContext) per change.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return RoleChange.UserNotFound;
        }

        if (await users.IsInRoleAsync(user, role) == member)
        {
            return RoleChange.Unchanged;
        }

        var result = member ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Changing role {role} of user {userId} failed: {string.Join(", ", result.Errors.Select(e => e.Code))}");
        }

        // The person's cookies, open pages and hub connections carry the old roles: they end now, everywhere.
        await access.EndSessionsAsync(userId, AccessChangeReason.RoleChanged, ct);
        await securityLog.RecordAsync(member ? SecurityEventKind.RoleGranted : SecurityEventKind.RoleRevoked, userId, client: null, viewer.UserId, role, ct);
        return member ? RoleChange.Granted : RoleChange.Revoked;
    }

    // A cookie or open page loses a role within moments of its change (AccessChanges), but the database has the last
    // word: an admin whose role was just taken away cannot go on changing roles in between.
    internal static async Task EnsureAdminAsync(Viewer viewer, CareDb db, CancellationToken ct)
    {
        var isAdmin = viewer is { IsAdmin: true, UserId: { } id }
            && await db.UserRoles.AnyAsync(ur => ur.UserId == id && ur.RoleId == Roles.AdminId, ct);
        if (!isAdmin)
        {
            throw new UnauthorizedAccessException("Only admins may see and change users' roles.");
        }
    }
}
