using System.Globalization;
using CustomerCare.Data;
using CustomerCare.Web.Components.Shared;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Mentions;

/// <summary>
/// The reads behind mentions: whom the composer offers (<see cref="SuggestAsync"/>) and how the mentions of a text are
/// shown (<see cref="ResolveAsync"/>). Both answer only a viewer who may see the post, and both name only people who
/// may read the text: a mention of anyone else is plain text, never a link, and is never offered.
/// </summary>
public sealed class MentionService(IDbContextFactory<CareDb> dbs)
{
    /// <summary>How many people the list offers at once.</summary>
    public const int SuggestionLimit = 8;

    /// <summary>What a person types after "@" is cut to this before it is searched.</summary>
    public const int TypedMaxLength = 50;

    /// <summary>
    /// The thread's participants (the post's author, the repliers the viewer sees) and then the team, whose name contains
    /// <paramref name="typed"/> (any case), each group by name; only those who may read what is being written (a private
    /// complaint: its customer and the team; an internal note: the team), never the viewer, never a deleted account.
    /// </summary>
    public async Task<IReadOnlyList<MentionCandidate>> SuggestAsync(
        int postId, string? typed, bool internalNote, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId || (internalNote && !viewer.WorksHere))
        {
            return [];
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await PostVisibility.VisibleTo(db.Posts, viewer).AnyAsync(p => p.Id == postId, ct)
            || await MentionAudience.LoadAsync(db, postId, internalNote, ct) is not { } audience)
        {
            return [];
        }

        var term = (typed ?? "").Trim();
        term = (term.Length > TypedMaxLength ? term[..TypedMaxLength] : term).ToLower(CultureInfo.InvariantCulture);
        var staff = db.StaffUserIds;
        var people = db.Users.AsNoTracking().Where(u => u.DeletedAt == null && u.Id != userId);
        if (term.Length > 0)
        {
            // lower() on both sides is one query on every provider (PostgreSQL's LIKE keeps case); EF cannot translate
            // the StringComparison overloads CA1862 asks for.
#pragma warning disable CA1862
            people = people.Where(u => u.DisplayName.ToLower().Contains(term));
#pragma warning restore CA1862
        }

        var authorId = audience.AuthorId;
        var replies = PostVisibility.RepliesVisibleTo(db.Replies, viewer).Where(r => r.PostId == postId && r.HiddenAt == null);
        var participants = await people.Where(u => u.Id == authorId || replies.Any(r => r.AuthorId == u.Id))
            .OrderBy(u => u.DisplayName).Take(SuggestionLimit * 2)
            .Select(u => new MentionCandidate(u.Id, u.DisplayName, u.AvatarUrl, u.JobTitle, staff.Contains(u.Id), true))
            .ToListAsync(ct);
        var team = await people.Where(u => staff.Contains(u.Id))
            .OrderBy(u => u.DisplayName).Take(SuggestionLimit * 2)
            .Select(u => new MentionCandidate(u.Id, u.DisplayName, u.AvatarUrl, u.JobTitle, true, false))
            .ToListAsync(ct);
        var offered = new HashSet<string>(StringComparer.Ordinal);
        return [.. participants.Concat(team)
            .Where(c => offered.Add(c.Id) && audience.MayRead(c.Id, c.IsStaff))
            .Take(SuggestionLimit)];
    }

    /// <summary>
    /// How each of <paramref name="ids"/> shows in a text of <paramref name="postId"/> (an internal note when
    /// <paramref name="internalNote"/>): the current name in <paramref name="culture"/>, linked to the person's profile
    /// when they may read the text; a deleted account as its placeholder, without a link; an unknown id not at all (the
    /// text shows the name its writer saw). Empty for a viewer who may not see the post.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, MentionShown>> ResolveAsync(
        int postId, IReadOnlyCollection<string> ids, bool internalNote, Viewer viewer, CultureInfo culture, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(culture);
        if (ids.Count == 0)
        {
            return new Dictionary<string, MentionShown>();
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await PostVisibility.VisibleTo(db.Posts, viewer).AnyAsync(p => p.Id == postId, ct)
            || await MentionAudience.LoadAsync(db, postId, internalNote, ct) is not { } audience)
        {
            return new Dictionary<string, MentionShown>();
        }

        var staff = db.StaffUserIds;
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, Deleted = u.DeletedAt != null, IsStaff = staff.Contains(u.Id) })
            .ToListAsync(ct);
        return people.ToDictionary(p => p.Id, p => new MentionShown(
            PersonName.Shown(p.DisplayName, culture),
            p.Deleted || !audience.MayRead(p.Id, p.IsStaff) ? null : ProfileAddress(p.Id, p.IsStaff)));
    }

    /// <summary>Where a person's name leads, as on every reply's author line: the team's profile page, or a customer's.</summary>
    public static string ProfileAddress(string id, bool worksHere) =>
        worksHere ? $"/team/{Uri.EscapeDataString(id)}" : $"/people/{Uri.EscapeDataString(id)}";
}
