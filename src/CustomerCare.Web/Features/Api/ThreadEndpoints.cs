using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerCare.Web.Features.Api;

/// <summary>Votes, replies and categories: what a reader does on an idea's page, and the list the forms offer.</summary>
public static class ThreadEndpoints
{
    public static void MapThreads(this RouteGroupBuilder api)
    {
        api.MapGet("/categories", async (CategoryService categories, CancellationToken ct) =>
            TypedResults.Ok((await categories.ListAsync(ct)).Select(c => new ApiCategory(c.Id, c.Slug, c.Name)).ToList()))
            .WithTags("Categories").WithName("ListCategories");
        api.MapPost("/ideas/{id:int}/vote", ToggleVoteAsync).WithTags("Votes").WithName("ToggleVote");
        api.MapGet("/ideas/{id:int}/voters", ListVotersAsync).WithTags("Votes").WithName("ListVoters");
        api.MapGet("/posts/{id:int}/replies", ListRepliesAsync).WithTags("Replies").WithName("ListReplies");
        api.MapPost("/posts/{id:int}/replies", ReplyAsync).WithTags("Replies").WithName("Reply").Accepts<ApiReplyInput>("application/json");

        // A same-origin page's token for changes made with its sign-in cookie (ApiAccess).
        api.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Ok(new ApiAntiforgery(tokens.HeaderName!, tokens.RequestToken!));
        }).WithTags("Session").WithName("GetAntiforgeryToken");
    }

    private static async Task<IResult> ToggleVoteAsync(int id, HttpContext http, VoteService votes, CancellationToken ct)
    {
        var result = await votes.ToggleAsync(id, Viewer.From(http.User), ct);
        return result.Outcome switch
        {
            VoteOutcome.Voted or VoteOutcome.Withdrawn => TypedResults.Ok(new ApiVote(result.Outcome == VoteOutcome.Voted, result.VoteCount)),
            VoteOutcome.NotFound => ApiProblems.NotFound("idea"),
            VoteOutcome.VotingClosed => ApiProblems.Problem(StatusCodes.Status409Conflict, "Voting closed", "This idea takes no more votes."),
            VoteOutcome.LimitReached => ApiProblems.TooMany(result.RetryAfter, http),
            VoteOutcome.Blocked => ApiProblems.Forbidden("The team blocked you from voting."),
            _ => ApiProblems.SignInRequired(),
        };
    }

    private static async Task<IResult> ListVotersAsync(int id, HttpContext http, VoterListService voters, CancellationToken ct)
    {
        var viewer = Viewer.From(http.User);
        if (!viewer.IsSignedIn)
        {
            return ApiProblems.SignInRequired();
        }

        try
        {
            return TypedResults.Ok((await voters.ListVotersAsync(id, viewer, ct)).Select(v => new ApiVoter(v.DisplayName, v.VotedAt)).ToList());
        }
        catch (UnauthorizedAccessException)
        {
            return ApiProblems.Forbidden("Only people who work here see who voted.");
        }
    }

    private static async Task<IResult> ListRepliesAsync(int id, HttpContext http, PostService posts, CancellationToken ct) =>
        await posts.GetAsync(id, Viewer.From(http.User), ct) is { } details
            ? TypedResults.Ok(details.Replies.Select(ApiReply.From).ToList())
            : ApiProblems.NotFound("post");

    private static async Task<IResult> ReplyAsync(int id, HttpContext http, ThreadService threads, CancellationToken ct)
    {
        var (input, bad) = await ApiProblems.ReadAsync<ApiReplyInput>(http.Request);
        if (bad is not null)
        {
            return bad;
        }

        var result = await threads.ReplyAsync(id, input!.ParentId, input.Body, input.InternalNote, Viewer.From(http.User), ct);
        return result.Outcome switch
        {
            ThreadOutcome.Posted => TypedResults.Created($"{ApiPaths.Root}/posts/{id}/replies", ApiReply.From(result.Reply!)),
            ThreadOutcome.Empty => Field("body", "A reply needs a text."),
            ThreadOutcome.TooLong => Field("body", "The reply is too long."),
            ThreadOutcome.ParentNotFound => Field("parentId", "No such reply in this thread."),
            ThreadOutcome.NotFound => ApiProblems.NotFound("post"),
            ThreadOutcome.Closed => ApiProblems.Problem(StatusCodes.Status409Conflict, "Thread closed", "This post takes no more replies."),
            ThreadOutcome.NotAllowed => ApiProblems.Forbidden("Internal notes are for people who work here."),
            ThreadOutcome.LimitReached => ApiProblems.TooMany(result.RetryAfter, http),
            ThreadOutcome.Blocked => ApiProblems.Forbidden("The team blocked you from posting."),
            _ => ApiProblems.SignInRequired(),
        };
    }

    private static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
