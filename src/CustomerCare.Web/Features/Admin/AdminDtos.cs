namespace CustomerCare.Web.Features.Admin;

public sealed record UserRow(string Id, string DisplayName, string? AvatarUrl, string Email, DateTime CustomerSince, IReadOnlyList<string> Roles);

public sealed record UserPage(IReadOnlyList<UserRow> Users, int Total);

/// <summary>What became of a role change. Refusing a non-admin is not an outcome: that throws.</summary>
public enum RoleChange
{
    Granted,
    Revoked,
    Unchanged,
    CannotRemoveOwnAdmin,
    UserNotFound,
}
