using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Admin;

/// <summary>
/// The security log for admins: newest first, one page at a time, optionally of the people whose name or address
/// matches. Anyone else gets an <see cref="UnauthorizedAccessException"/>, as from <see cref="AdminService"/>.
/// </summary>
public sealed class SecurityEventService(IDbContextFactory<CareDb> dbs)
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// The list reaches this far back at most: counting and paging a table that grows with every sign-in must stay
    /// cheap until retention (a later change) bounds the table itself.
    /// </summary>
    public const int MaxListed = 10_000;

    /// <summary>A filter matching more people than this lists only their newest events.</summary>
    public const int MaxPeopleInFilter = 200;

    public async Task<SecurityEventPage> ListAsync(Viewer viewer, string? person, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await AdminService.EnsureAdminAsync(viewer, db, ct);

        var events = db.SecurityEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(person))
        {
            // As the users page searches: NormalizedEmail is upper case; ToUpper() translates on every provider.
            var term = person.Trim().ToUpperInvariant();
#pragma warning disable CA1862
            var ids = await db.Users.AsNoTracking()
                .Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.ToUpper().Contains(term))
                .OrderBy(u => u.Id).Select(u => u.Id).Take(MaxPeopleInFilter).ToListAsync(ct);
#pragma warning restore CA1862
            events = events.Where(e => e.UserId != null && ids.Contains(e.UserId));
        }

        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var skip = Math.Min(Math.Max(page, 0) * size, MaxListed);
        var newest = events.OrderByDescending(e => e.Id).Take(MaxListed);
        var total = await newest.CountAsync(ct);
        var rows = await newest.Skip(skip).Take(Math.Min(size, MaxListed - skip)).ToListAsync(ct);

        var people = rows.SelectMany(r => new[] { r.UserId, r.ActorId }).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToDictionaryAsync(u => u.Id, ct);
        // A deleted account has no address left: its name alone, which the page shows in the reader's language.
        string? NameOf(string? id) => id is null ? null
            : !names.TryGetValue(id, out var u) ? id
            : u.Email is null ? u.DisplayName : $"{u.DisplayName} <{u.Email}>";

        return new(
            [.. rows.Select(r => new SecurityEventRow(
                r.Id, r.Kind, r.OccurredAt, r.UserId, NameOf(r.UserId), r.AccountHash, NameOf(r.ActorId), r.ClientAddress, r.Detail))],
            total,
            total >= MaxListed);
    }
}
