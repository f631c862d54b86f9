using CustomerCare.Data.Entities;

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

/// <summary>
/// One line of the security log; <see cref="Person"/> and <see cref="Actor"/> are "name &lt;address&gt;" (the name alone for
/// a deleted account, which has no address), or null for a name that is no account.
/// </summary>
public sealed record SecurityEventRow(
    long Id, SecurityEventKind Kind, DateTime OccurredAt, string? UserId, string? Person, string? AccountHash, string? Actor,
    string? ClientAddress, string? Detail);

/// <summary>A page of the log; <see cref="Capped"/> when older events exist beyond <see cref="SecurityEventService.MaxListed"/>.</summary>
public sealed record SecurityEventPage(IReadOnlyList<SecurityEventRow> Events, int Total, bool Capped);
