using CustomerCare.Data;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Team;

/// <summary>
/// "Who takes care of you": everyone who works here, with their face, their role and how often customers thanked them,
/// and each one's profile with the thank-you notes their writers let it show (all of them, marked, to the person
/// themself). Public: the portal's people are its face. A customer has no profile here.
/// </summary>
public sealed class TeamService(IDbContextFactory<CareDb> dbs)
{
    /// <summary>The most notes a profile shows, newest first.</summary>
    public const int NotesShown = 50;

    public async Task<IReadOnlyList<TeamMember>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await Members(db, db.Users.OrderBy(u => u.DisplayName)).ToListAsync(ct);
    }

    /// <summary>Null when <paramref name="id"/> is nobody who works here.</summary>
    public async Task<StaffProfile?> ProfileAsync(string id, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await Members(db, db.Users.Where(u => u.Id == id)).FirstOrDefaultAsync(ct) is not { } member)
        {
            return null;
        }

        var own = viewer.UserId == id;
        var notes = await db.Thanks.AsNoTracking()
            .Where(t => t.ToUserId == id && t.Note != null && (t.ShowNote || own))
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Take(NotesShown)
            .Select(t => new ThanksNote(t.From!.DisplayName, t.Note!, t.CreatedAt, t.ShowNote))
            .ToListAsync(ct);
        return new(member, notes, own);
    }

    private static IQueryable<TeamMember> Members(CareDb db, IQueryable<Data.Entities.CareUser> users)
    {
        var staff = db.StaffUserIds;
        return users.AsNoTracking().Where(u => u.DeletedAt == null && staff.Contains(u.Id))
            .Select(u => new TeamMember(u.Id, u.DisplayName, u.AvatarUrl, u.JobTitle, u.CustomerSince, db.Thanks.Count(t => t.ToUserId == u.Id)));
    }
}
