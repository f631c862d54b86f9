using CustomerCare.Data;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Votes;

/// <summary>One person who voted for an idea, as staff see them.</summary>
public sealed record VoterView(string DisplayName, string? AvatarUrl, DateTime CustomerSince, DateTime VotedAt);

/// <summary>
/// Who voted for an idea, for people who work here only. Anyone else gets an <see cref="UnauthorizedAccessException"/>
/// (as from AdminService): the page never offers them the list, so reaching it is an error, not an outcome to show.
/// </summary>
public sealed class VoterListService(IDbContextFactory<CareDb> dbs)
{
    /// <summary>The newest voters shown; the panel's heading carries the full count.</summary>
    public const int MaxVoters = 200;

    public async Task<IReadOnlyList<VoterView>> ListVotersAsync(int postId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.IsSignedIn || !viewer.WorksHere)
        {
            throw new UnauthorizedAccessException("Only staff may see who voted.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Votes.AsNoTracking()
            .Where(v => v.PostId == postId)
            .OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id)
            .Take(MaxVoters)
            .Select(v => new VoterView(v.User!.DisplayName, v.User.AvatarUrl, v.User.CustomerSince, v.CreatedAt))
            .ToListAsync(ct);
    }
}
