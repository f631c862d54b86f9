using System.Security.Claims;
using CustomerCare.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Infrastructure.Access;

/// <summary>
/// Whether a sign-in (a cookie, an open page's state) still carries the person's current security stamp. Asked on every
/// request that brings a cookie and by open pages: one primary-key read of one column, so a cookie from before a
/// sign-out or a role change is refused at once instead of after Identity's 30-minute interval.
/// </summary>
public sealed class SecurityStampCheck(IDbContextFactory<CareDb> dbs, IOptions<IdentityOptions> identity)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal? principal, CancellationToken ct = default)
    {
        var userId = principal?.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType);
        var stamp = principal?.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (userId is null || stamp is null)
        {
            return false;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(ct);
        return current is not null && string.Equals(current, stamp, StringComparison.Ordinal);
    }
}
