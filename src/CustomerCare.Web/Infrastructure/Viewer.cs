using System.Security.Claims;
using CustomerCare.Data.Entities;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// Who is asking. Services take a Viewer and decide what it may see and do: the service is the one
/// trusted layer, whether the call comes from a page, an endpoint or the hub.
/// </summary>
public sealed record Viewer(string? UserId, bool IsStaff, bool IsProductOwner, bool IsAdmin)
{
    public static readonly Viewer Anonymous = new(null, false, false, false);

    public bool IsSignedIn => UserId is not null;

    /// <summary>Staff, product owners and admins work for the company and may read internal notes.</summary>
    public bool WorksHere => IsStaff || IsProductOwner || IsAdmin;

    public static Viewer From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        return new(
            user.FindFirstValue(ClaimTypes.NameIdentifier),
            user.IsInRole(Roles.Staff),
            user.IsInRole(Roles.ProductOwner),
            user.IsInRole(Roles.Admin));
    }
}
