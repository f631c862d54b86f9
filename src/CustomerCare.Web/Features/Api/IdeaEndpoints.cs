using System.Globalization;
using System.Text;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace CustomerCare.Web.Features.Api;

/// <summary>Ideas: the board (its sort, filters, search and cursor), one idea, proposing and editing — the pages' services, the pages' rules.</summary>
public static class IdeaEndpoints
{
    public static void MapIdeas(this RouteGroupBuilder api)
    {
        var ideas = api.MapGroup("/ideas").WithTags("Ideas");
        // The widget on the company's site reads the board here, as a visitor (LiveHubOrigins.AddAllowedSitesCors).
        ideas.MapGet("/", ListAsync).WithName("ListIdeas").RequireCors(LiveHubOrigins.CorsPolicy);
        ideas.MapGet("/{id:int}", GetAsync).WithName("GetIdea");
        ideas.MapPost("/", ProposeAsync).WithName("ProposeIdea").Accepts<ApiIdeaInput>("application/json");
        ideas.MapPut("/{id:int}", EditAsync).WithName("EditIdea").Accepts<ApiIdeaInput>("application/json");
    }

    private static async Task<Results<Ok<ApiIdeaPage>, ValidationProblem>> ListAsync(
        HttpContext http, BoardService board, CategoryService categories, string? sort, string? status, string? category, bool? mine,
        bool? voted, string? q, string? after, CancellationToken ct)
    {
        var viewer = Viewer.From(http.User);
        BoardCursor? cursor = null;
        if (after is not null && (cursor = BoardAddress.ParseCursor(after)) is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["after"] = ["Not a cursor this API gave out."] });
        }

        // The categories are read only to check a category the caller asked for: most listings ask for none.
        var slugs = category is null ? [] : (await categories.ListAsync(ct)).Select(c => c.Slug);
        var query = BoardAddress.Parse(sort, status, category, mine?.ToString(), voted?.ToString(), q, viewer.IsSignedIn, slugs) with { After = cursor };
        var page = await board.ListAsync(query, viewer, ct);
        return TypedResults.Ok(new ApiIdeaPage([.. page.Ideas.Select(ApiIdeaSummary.From)], page.Next is { } next ? BoardAddress.CursorValue(next) : null));
    }

    private static async Task<IResult> GetAsync(int id, HttpContext http, PostService posts, CancellationToken ct)
    {
        if (await FindAsync(id, Viewer.From(http.User), posts, ct) is not { } idea)
        {
            return ApiProblems.NotFound("idea");
        }

        var etag = ApiProblems.ETagOf(idea);
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "private, no-cache";
        return ApiProblems.Matches(http.Request.Headers.IfNoneMatch, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(idea);
    }

    private static async Task<IResult> ProposeAsync(HttpContext http, IdeaService ideas, CancellationToken ct)
    {
        var (input, bad) = await ApiProblems.ReadAsync<ApiIdeaInput>(http.Request);
        if (bad is not null)
        {
            return bad;
        }

        var result = await ideas.ProposeAsync(new ProposeIdea(input!.Title, input.Body, input.CategoryId), Viewer.From(http.User), ct);
        return result.Outcome switch
        {
            ProposeOutcome.Created => TypedResults.Created($"{ApiPaths.Root}/ideas/{result.PostId}", new { id = result.PostId }),
            ProposeOutcome.Invalid => ApiProblems.Invalid(result.Errors),
            ProposeOutcome.LimitReached => ApiProblems.TooMany(result.RetryAfter, http),
            ProposeOutcome.Blocked => ApiProblems.Forbidden("The team blocked you from posting."),
            _ => ApiProblems.SignInRequired(),
        };
    }

    /// <summary>
    /// Needs If-Match with the idea's ETag, so an edit made from a stale copy is refused (412) instead of overwriting a
    /// newer text; the author's edit window and staff's rights are the moderation service's, as on the page.
    /// </summary>
    private static async Task<IResult> EditAsync(int id, HttpContext http, PostService posts, ModerationService moderation, CancellationToken ct)
    {
        var (input, bad) = await ApiProblems.ReadAsync<ApiIdeaInput>(http.Request);
        if (bad is not null)
        {
            return bad;
        }

        var viewer = Viewer.From(http.User);
        if (!viewer.IsSignedIn)
        {
            return ApiProblems.SignInRequired();
        }

        if (await FindAsync(id, viewer, posts, ct) is not { } current)
        {
            return ApiProblems.NotFound("idea");
        }

        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0)
        {
            return ApiProblems.Problem(StatusCodes.Status428PreconditionRequired, "If-Match required", "Send the idea's ETag (from GET) in If-Match.");
        }

        if (!ApiProblems.Matches(ifMatch, ApiProblems.ETagOf(current)))
        {
            return ApiProblems.Problem(StatusCodes.Status412PreconditionFailed, "The idea changed", "The idea changed since your copy: GET it again and redo the edit.");
        }

        var result = await moderation.EditAsync(id, input!.Title ?? "", input.Body ?? "", input.CategoryId, viewer, ct);
        return result.Outcome switch
        {
            ModerationOutcome.Done => TypedResults.Ok(await FindAsync(id, viewer, posts, ct)),
            ModerationOutcome.Invalid => ApiProblems.Invalid(result.Errors),
            ModerationOutcome.NotFound => ApiProblems.NotFound("idea"),
            ModerationOutcome.EditWindowClosed => ApiProblems.Forbidden("The author's time to edit is over, or the team has answered."),
            _ => ApiProblems.Forbidden("Only the author and the team edit an idea."),
        };
    }

    private static async Task<ApiIdea?> FindAsync(int id, Viewer viewer, PostService posts, CancellationToken ct) =>
        await posts.GetAsync(id, viewer, ct) is { Post.Kind: PostKind.Idea } details ? ApiIdea.From(details) : null;
}
