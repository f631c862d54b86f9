using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Roadmap;

public sealed record ChangelogEntry(int PostId, string Title, AuthorInfo Proposer, int VoteCount, DateTime ShippedAt, string? Note);

/// <summary>One release and the ideas it shipped; <see cref="Name"/> is null for ideas shipped without a release name.</summary>
public sealed record ChangelogRelease(string? Name, DateTime ShippedAt, IReadOnlyList<ChangelogEntry> Ideas);

/// <summary>What shipped, release by release, and whose idea it was: customers see their ideas come true.</summary>
public sealed class ChangelogService(IDbContextFactory<CareDb> dbs)
{
    public const int MaxIdeas = 300;

    public async Task<IReadOnlyList<ChangelogRelease>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var staff = db.StaffUserIds;
        var shipped = await PostVisibility.Listed(db.Posts.AsNoTracking())
            .Where(p => p.Kind == PostKind.Idea && p.Status == PostStatus.Shipped)
            .Select(p => new
            {
                p.Id,
                p.Title,
                p.ShippedIn,
                p.VoteCount,
                p.UpdatedAt,
                Proposer = new AuthorInfo(p.AuthorId, p.Author!.DisplayName, p.Author.AvatarUrl, p.Author.JobTitle, p.Author.CustomerSince,
                    staff.Contains(p.AuthorId)),
                Shipping = p.StatusChanges.Where(s => s.To == PostStatus.Shipped)
                    .OrderByDescending(s => s.ChangedAt)
                    .Select(s => new { s.ChangedAt, s.Note })
                    .FirstOrDefault(),
            })
            .OrderByDescending(p => p.Shipping != null ? p.Shipping.ChangedAt : p.UpdatedAt)
            .Take(MaxIdeas)
            .ToListAsync(ct);

        return [.. shipped
            .Select(p => new { p.ShippedIn, Entry = new ChangelogEntry(p.Id, p.Title, p.Proposer, p.VoteCount, p.Shipping?.ChangedAt ?? p.UpdatedAt, p.Shipping?.Note) })
            .GroupBy(p => string.IsNullOrWhiteSpace(p.ShippedIn) ? null : p.ShippedIn.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => new ChangelogRelease(
                g.Key,
                g.Max(e => e.Entry.ShippedAt),
                [.. g.Select(e => e.Entry).OrderByDescending(e => e.VoteCount).ThenBy(e => e.Title, StringComparer.CurrentCulture)]))
            .OrderByDescending(r => r.ShippedAt)];
    }
}
