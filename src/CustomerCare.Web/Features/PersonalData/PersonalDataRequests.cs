using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Infrastructure.Access;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.PersonalData;

/// <summary>A person a data request is about, as the admin's page names them.</summary>
public sealed record RequestSubject(string Id, string DisplayName, string? Email);

public enum DataRequestOutcome
{
    Started,
    ReasonRequired,
    ReasonTooLong,
    PersonNotFound,
}

public sealed record DataRequestResult(DataRequestOutcome Outcome, ArchiveStatus? Archive = null);

/// <summary>
/// Requests answered by an admin on a person's behalf (asked by letter, by phone): the person's archive prepared for the
/// admin to hand over. Admins only, each with a reason, written to the security log with who, when and why before
/// anything happens. Anyone else gets an <see cref="UnauthorizedAccessException"/>: no page offers it to them.
/// </summary>
public sealed class PersonalDataRequests(IDbContextFactory<CareDb> dbs, PersonalDataArchives archives, SecurityLog securityLog)
{
    public const int ReasonMaxLength = 500;

    public async Task<RequestSubject?> FindAsync(string? personId, Viewer viewer, CancellationToken ct = default)
    {
        EnsureAdmin(viewer);
        if (string.IsNullOrEmpty(personId))
        {
            return null;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == personId)
            .Select(u => new RequestSubject(u.Id, u.DisplayName, u.Email)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Up to ten people whose name or address contains <paramref name="text"/>, for the admin's search field.</summary>
    public async Task<IReadOnlyList<RequestSubject>> SearchAsync(string? text, Viewer viewer, CancellationToken ct = default)
    {
        EnsureAdmin(viewer);
        var term = (text ?? "").Trim().ToUpperInvariant();
        if (term.Length < 2)
        {
            return [];
        }

        term = term[..Math.Min(term.Length, 256)];
        await using var db = await dbs.CreateDbContextAsync(ct);
#pragma warning disable CA1862 // ToUpper() translates on every provider; the StringComparison overloads do not.
        return await db.Users.AsNoTracking().Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.ToUpper().Contains(term))
#pragma warning restore CA1862
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Take(10)
            .Select(u => new RequestSubject(u.Id, u.DisplayName, u.Email)).ToListAsync(ct);
    }

    /// <summary>Prepares the person's archive for the admin to download; the reason goes to the security log first.</summary>
    public async Task<DataRequestResult> ExportForAsync(string personId, string? reason, Viewer viewer, CancellationToken ct = default)
    {
        EnsureAdmin(viewer);
        var why = TextRules.Block(reason).Trim();
        if (why.Length == 0)
        {
            return new(DataRequestOutcome.ReasonRequired);
        }

        if (why.Length > ReasonMaxLength)
        {
            return new(DataRequestOutcome.ReasonTooLong);
        }

        if (await FindAsync(personId, viewer, ct) is null)
        {
            return new(DataRequestOutcome.PersonNotFound);
        }

        await securityLog.RecordAsync(SecurityEventKind.PersonalDataRequested, personId, client: null, actorId: viewer.UserId, detail: why, ct: ct);
        return new(DataRequestOutcome.Started, await archives.StartForAsync(viewer.UserId!, personId, ct));
    }

    /// <summary>The archive of the person the admin asked for last, while its link works.</summary>
    public Task<ArchiveStatus?> LatestForAsync(string personId, Viewer viewer, CancellationToken ct = default)
    {
        EnsureAdmin(viewer);
        return archives.LatestForAsync(viewer.UserId!, personId, ct);
    }

    private static void EnsureAdmin(Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.IsAdmin || viewer.UserId is null)
        {
            throw new UnauthorizedAccessException("Only admins answer data requests.");
        }
    }
}
