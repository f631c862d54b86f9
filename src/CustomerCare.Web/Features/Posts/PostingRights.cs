using System.Text.RegularExpressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Posts;

/// <summary>Why a person may not post: the reason the team gave, shown inside a message in the reader's language.</summary>
public sealed record PostingBlock(string Reason, DateTime Since, bool AccountDeleted = false)
{
    /// <summary>The message around the reason ("Our team has blocked your account from posting: {0}").</summary>
    public const string MessageKey = "Posting_Blocked";

    /// <summary>The message for an account its owner deleted (no reason to show).</summary>
    public const string DeletedMessageKey = "Posting_AccountDeleted";

    /// <summary>The message to show for this refusal.</summary>
    public string Key => AccountDeleted ? DeletedMessageKey : MessageKey;
}

/// <summary>What <see cref="PostingRights"/> decided for one act: refused by a block, or allowed and perhaps held for approval.</summary>
public sealed record PostingCheck(PostingBlock? Block, HoldReason? Hold)
{
    public static PostingCheck Allowed { get; } = new(null, null);
}

/// <summary>
/// The rules every poster is under, asked by every service that lets people write or vote (ideas, complaints, replies,
/// votes, reports), so they live once: a blocked person may do none of it — except answer in their own complaint's
/// thread, since nobody is left unanswered — and what a new account writes may wait for approval (<see cref="HoldOptions"/>).
/// Each call is one short read of the person (and, for a new account's text, of their last day's posts), never cached:
/// a block takes effect with the next act, on every server.
/// </summary>
public sealed partial class PostingRights(IDbContextFactory<CareDb> dbs, IOptionsMonitor<HoldOptions> options, TimeProvider time, ILiveBus bus)
{
    /// <summary>The block, if any, for acts that are never held: filing a complaint, voting, reporting.</summary>
    public async Task<PostingBlock?> BlockOfAsync(Viewer viewer, CancellationToken ct = default) =>
        (await CheckAsync(viewer, null, null, ct)).Block;

    /// <summary>Proposing an idea: the block, else whether the idea waits for approval.</summary>
    public Task<PostingCheck> CheckIdeaAsync(Viewer viewer, string title, string body, CancellationToken ct = default) =>
        CheckAsync(viewer, $"{title}\n{body}", body, ct);

    /// <summary>
    /// Replying on a post of <paramref name="kind"/> by <paramref name="postAuthorId"/>. A complaint's own customer is
    /// never refused nor held in its thread: a complaint is the company's biggest chance, and a customer in trouble
    /// must reach the team, blocked or not.
    /// </summary>
    public Task<PostingCheck> CheckReplyAsync(Viewer viewer, PostKind kind, string postAuthorId, string body, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return kind == PostKind.Complaint && postAuthorId == viewer.UserId ? CheckOwnComplaintAsync(viewer.UserId, ct) : CheckAsync(viewer, body, body, ct);
    }

    // Blocked or not, the customer answers in their own complaint; only an account its owner deleted writes nothing.
    private async Task<PostingCheck> CheckOwnComplaintAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var deletedAt = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DeletedAt).FirstOrDefaultAsync(ct);
        return deletedAt is { } at ? new(new PostingBlock("", at, AccountDeleted: true), null) : PostingCheck.Allowed;
    }

    /// <summary>Tells the moderation queue that an idea or reply waits (staff-only topic); called after its commit.</summary>
    public Task AnnounceHeldAsync(int postId, long? replyId, HoldReason reason, CancellationToken ct = default) =>
        bus.PublishAsync(new HeldForApproval(postId, replyId, reason, time.GetUtcNow().UtcDateTime), ct);

    /// <summary>Web addresses in the text: each http(s):// or bare www. counts once, Markdown links included.</summary>
    public static int CountLinks(string? text) => text is null ? 0 : Link().Count(text);

    private async Task<PostingCheck> CheckAsync(Viewer viewer, string? text, string? body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return PostingCheck.Allowed; // the services refuse visitors themselves, before asking
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var person = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.BlockedAt, u.BlockReason, u.EmailConfirmed, u.CustomerSince, u.DeletedAt })
            .FirstOrDefaultAsync(ct);
        if (person?.DeletedAt is { } deletedAt)
        {
            return new(new PostingBlock("", deletedAt, AccountDeleted: true), null);
        }

        if (person?.BlockedAt is { } blockedAt)
        {
            return new(new PostingBlock(person.BlockReason ?? "", blockedAt), null);
        }

        if (person is null || text is null || viewer.WorksHere)
        {
            return PostingCheck.Allowed;
        }

        return new(null, await HoldAsync(db, userId, person.EmailConfirmed, person.CustomerSince, text, body!, ct));
    }

    // CustomerSince is set at registration; an account the company dated back (a customer since 2014) is no new account.
    private async Task<HoldReason?> HoldAsync(
        CareDb db, string userId, bool confirmed, DateTime customerSince, string text, string body, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        if (settings.Hold == HoldMode.Everyone)
        {
            return HoldReason.Everyone;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (confirmed && customerSince <= now.AddDays(-settings.NewAccountDays))
        {
            return null;
        }

        if (settings.Hold == HoldMode.NewAccounts)
        {
            return HoldReason.NewAccount;
        }

        if (settings.MaxLinksBeforeHold > 0 && CountLinks(text) >= settings.MaxLinksBeforeHold)
        {
            return HoldReason.Links;
        }

        var since = now.AddDays(-1);
        var repeated = await db.Posts.AnyAsync(p => p.AuthorId == userId && p.CreatedAt >= since && p.Body == body, ct)
            || await db.Replies.AnyAsync(r => r.AuthorId == userId && r.CreatedAt >= since && r.Body == body, ct);
        return repeated ? HoldReason.Repeated : null;
    }

    [GeneratedRegex(@"https?://|(?<![/\w.])www\.", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
