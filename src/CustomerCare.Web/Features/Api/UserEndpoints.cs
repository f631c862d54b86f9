using CustomerCare.Web.Features.Admin;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Features.Api;

public sealed record ApiUser(string Id, string DisplayName, string Email, DateTime CustomerSince, IReadOnlyList<string> Roles);

/// <summary>One page of users (<c>page</c> counts from 0) and how many match.</summary>
public sealed record ApiUserPage(IReadOnlyList<ApiUser> Users, int Total);

/// <summary>The users list: admins only (the admin service checks the stored role), and a token needs the admin scope.</summary>
public static class UserEndpoints
{
    public static void MapUsers(this RouteGroupBuilder api) =>
        api.MapGet("/users", ListUsersAsync).WithTags("Users").WithName("ListUsers").WithMetadata(new AdminScopeMetadata());

    private static async Task<IResult> ListUsersAsync(
        HttpContext http, AdminService admin, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var viewer = Viewer.From(http.User);
        if (!viewer.IsSignedIn)
        {
            return ApiProblems.SignInRequired();
        }

        try
        {
            var users = await admin.ListUsersAsync(viewer, q, Math.Max(0, page ?? 0), Math.Clamp(pageSize ?? 50, 1, AdminService.MaxPageSize), ct);
            return TypedResults.Ok(new ApiUserPage([.. users.Users.Select(u => new ApiUser(u.Id, u.DisplayName, u.Email, u.CustomerSince, u.Roles))], users.Total));
        }
        catch (UnauthorizedAccessException)
        {
            return ApiProblems.Forbidden("Only admins see the users.");
        }
    }
}
