using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Search;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Pictures;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Search;
using CustomerCare.Web.Features.Webhooks;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Ideas;

/// <summary>Customers propose ideas, and are shown similar ones first so they vote instead of posting a duplicate.</summary>
public sealed class IdeaService(
    IDbContextFactory<CareDb> dbs, PostService posts, SearchPath search, ILiveBus bus, TimeProvider time, NotificationService notifications,
    ActivityLimits limits, PostingRights rights, WebhookPublisher webhooks, PictureAttachments pictures)
{
    public const int SimilarLimit = 5;

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "for", "with", "you", "your", "our", "not", "are", "can", "could", "should", "would", "please",
        "from", "into", "that", "this", "there", "have", "has", "was", "all", "any", "more", "when", "what", "how", "why",
        "der", "die", "das", "und", "oder", "mit", "für", "von", "vom", "zum", "zur", "den", "dem", "des", "ein", "eine",
        "einen", "einem", "einer", "nicht", "auch", "bitte", "wie", "was", "wenn", "beim", "bei", "auf", "aus", "ich",
        "wir", "ihr", "sie", "ist", "sind", "man", "mehr", "noch", "nach", "per", "über", "unter", "als", "dass", "kann",
    };

    public async Task<ProposeResult> ProposeAsync(ProposeIdea input, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return ProposeResult.SignInRequired;
        }

        var title = TextRules.Line(input.Title);
        var body = TextRules.Block(input.Body);
        var posting = await rights.CheckIdeaAsync(viewer, title, body, ct);
        if (posting.Block is { } block)
        {
            return ProposeResult.Blocked(block);
        }

        var errors = PostRules.Validate(title, body);

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (input.CategoryId is { } categoryId && !await db.Categories.AnyAsync(c => c.Id == categoryId, ct))
        {
            errors[nameof(ProposeIdea.CategoryId)] = PostErrors.CategoryUnknown;
        }

        if (input.Pictures is { } uploads && pictures.Refusal(uploads) is not null)
        {
            errors[nameof(ProposeIdea.Pictures)] = PostErrors.PicturesRefused;
        }

        if (errors.Count > 0)
        {
            return ProposeResult.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var idea = new Post
        {
            Kind = PostKind.Idea,
            Title = title,
            Body = body,
            AuthorId = userId,
            CreatedAt = now,
            UpdatedAt = now,
            Status = PostStatus.Open,
            CategoryId = input.CategoryId,
            HeldAt = posting.Hold is null ? null : now,
            HoldReason = posting.Hold,
        };
        // Its pictures are saved with it, or forgotten with it.
        var staged = await pictures.StageAsync(input.Pictures ?? [], userId, now, ct);
        var refused = await pictures.SavedOrDiscardedAsync(staged, () => limits.SaveWithinLimitAsync(db, viewer, LimitedAct.Idea, (db, _) =>
        {
            // The author follows their idea from the start, in the same save.
            db.PostFollows.Add(new PostFollow { UserId = userId, PostId = 0, Post = idea, Reason = FollowReason.Author, Since = now });
            db.Posts.Add(idea);
            PictureAttachments.Attach(db, staged, idea, 0, null);
            return Task.CompletedTask;
        }, ct), wait => wait is null);
        if (refused is { } wait)
        {
            return ProposeResult.LimitReached(wait);
        }

        if (posting.Hold is { } hold)
        {
            // It waits for approval: no board card and nobody notified until the team approves it.
            await rights.AnnounceHeldAsync(idea.Id, null, hold, ct);
            return ProposeResult.Created(idea.Id);
        }

        // The board is open to everyone, so the event carries what an anonymous reader would see.
        var summary = (await posts.ListByIdsAsync([idea.Id], Viewer.Anonymous, ct))[0];
        await bus.PublishAsync(new PostCreated(summary, now), ct);
        if (idea.CategoryId is not null)
        {
            await notifications.NotifyAsync(new(NotificationKind.NewIdea, idea.Id, userId));
        }

        await webhooks.PublishAsync(new(WebhookEvents.IdeaCreated, idea.Id, $"{idea.Id}"));

        return ProposeResult.Created(idea.Id);
    }

    /// <summary>
    /// Up to five public ideas that share the most significant words of <paramref name="title"/> in any of
    /// their forms (full-text search), the best match first, then the most votes.
    /// </summary>
    public async Task<IReadOnlyList<PostSummary>> FindSimilarAsync(string? title, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var words = SignificantWords(title);
        if (words.Count == 0)
        {
            return [];
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var hits = await search.HitsAsync(db, words, SearchMatch.AnyWord, ct);
        var ids = await hits
            .Join(PostVisibility.Listed(db.Posts), h => h.Id, p => p.Id, (h, p) => new { h.Rank, Post = p })
            .Where(m => m.Post.Kind == PostKind.Idea && m.Post.IsPublic && m.Post.MergedIntoId == null)
            .OrderByDescending(m => m.Rank)
            .ThenByDescending(m => m.Post.VoteCount)
            .ThenByDescending(m => m.Post.Id)
            .Select(m => m.Post.Id)
            .Take(SimilarLimit)
            .ToListAsync(ct);
        return await posts.ListByIdsAsync(ids, viewer, ct);
    }

    internal static IReadOnlyList<string> SignificantWords(string? text) =>
        [.. PostSearch.Words(text).Where(w => w.Length >= 3 && !StopWords.Contains(w))];
}
