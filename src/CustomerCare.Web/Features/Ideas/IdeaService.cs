using System.Linq.Expressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Ideas;

/// <summary>Customers propose ideas, and are shown similar ones first so they vote instead of posting a duplicate.</summary>
public sealed class IdeaService(IDbContextFactory<CareDb> dbs, PostService posts, ILiveBus bus, TimeProvider time)
{
    public const int SimilarLimit = 5;

    // More words only make the query longer, not the match better.
    private const int MaxSearchWords = 8;

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

        var title = input.Title?.Trim() ?? "";
        var body = input.Body?.Trim() ?? "";
        var errors = Validate(title, body);

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (input.CategoryId is { } categoryId && !await db.Categories.AnyAsync(c => c.Id == categoryId, ct))
        {
            errors[nameof(ProposeIdea.CategoryId)] = ProposeErrors.CategoryUnknown;
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
        };
        db.Posts.Add(idea);
        await db.SaveChangesAsync(ct);

        // The board is open to everyone, so the event carries what an anonymous reader would see.
        var summary = (await posts.ListByIdsAsync([idea.Id], Viewer.Anonymous, ct))[0];
        await bus.PublishAsync(new PostCreated(summary, now), ct);
        return ProposeResult.Created(idea.Id);
    }

    /// <summary>The same rules the fields show; empty when the title and body may be saved.</summary>
    public static Dictionary<string, string> Validate(string title, string body)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!TitleFits(title))
        {
            errors[nameof(ProposeIdea.Title)] = ProposeErrors.TitleLength;
        }

        if (body.Length == 0)
        {
            errors[nameof(ProposeIdea.Body)] = ProposeErrors.BodyRequired;
        }
        else if (body.Length > Post.BodyMaxLength)
        {
            errors[nameof(ProposeIdea.Body)] = ProposeErrors.BodyTooLong;
        }

        return errors;
    }

    public static bool TitleFits(string? title) =>
        title?.Trim().Length is >= Post.TitleMinLength and <= Post.TitleMaxLength;

    /// <summary>Up to five public ideas sharing the most significant words of <paramref name="title"/>, then the most votes.</summary>
    public async Task<IReadOnlyList<PostSummary>> FindSimilarAsync(string? title, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var words = SignificantWords(title);
        if (words.Count == 0)
        {
            return [];
        }

        var matches = words.Select(Mentions).ToList();
        var post = Expression.Parameter(typeof(Post), "p");
        var any = matches.Select(m => Rebind(m, post)).Aggregate(Expression.OrElse);
        var score = matches
            .Select(m => (Expression)Expression.Condition(Rebind(m, post), Expression.Constant(1), Expression.Constant(0)))
            .Aggregate(Expression.Add);

        await using var db = await dbs.CreateDbContextAsync(ct);
        var ids = await db.Posts.AsNoTracking()
            .Where(p => p.Kind == PostKind.Idea && p.IsPublic && p.RemovedAt == null)
            .Where(Expression.Lambda<Func<Post, bool>>(any, post))
            .OrderByDescending(Expression.Lambda<Func<Post, int>>(score, post))
            .ThenByDescending(p => p.VoteCount)
            .ThenByDescending(p => p.Id)
            .Select(p => p.Id)
            .Take(SimilarLimit)
            .ToListAsync(ct);
        return await posts.ListByIdsAsync(ids, viewer, ct);
    }

    internal static IReadOnlyList<string> SignificantWords(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : [.. new string([.. text.Select(c => char.IsLetterOrDigit(c) ? c : ' ')]).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w.Length >= 3 && !StopWords.Contains(w))
                .Select(w => w.ToLowerInvariant())
                .Distinct(StringComparer.Ordinal)
                .Take(MaxSearchWords)];

    // LOWER() folds only ASCII on SQLite (and on a C-locale PostgreSQL), so a capitalized umlaut
    // ("Übersicht") is matched through its capitalized spelling as well. Words hold letters and digits
    // only, so they carry no LIKE wildcards.
    private static Expression<Func<Post, bool>> Mentions(string word)
    {
        var lower = $"%{word}%";
        var capitalized = $"%{char.ToUpperInvariant(word[0])}{word[1..]}%";
        return p => EF.Functions.Like(p.Title.ToLower(), lower) || EF.Functions.Like(p.Title, capitalized)
            || EF.Functions.Like(p.Body.ToLower(), lower) || EF.Functions.Like(p.Body, capitalized);
    }

    private static Expression Rebind(Expression<Func<Post, bool>> lambda, ParameterExpression post) =>
        new ParameterSwap(lambda.Parameters[0], post).Visit(lambda.Body);

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
