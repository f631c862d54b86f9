using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerCare.Web.Features.Api;

/// <summary>
/// A complaint's end through the API, by <see cref="ComplaintResolutionService"/>'s rules: its owner proposes, the customer
/// confirms, says "not yet", or rates once after confirming. Bad input is a 400 naming the field; a refusal says why.
/// </summary>
public static class ComplaintResolutionEndpoints
{
    public static void MapResolution(this RouteGroupBuilder complaints)
    {
        ArgumentNullException.ThrowIfNull(complaints);
        complaints.MapPost("/{id:int}/resolution", ProposeAsync).WithName("ProposeResolution")
            .Accepts<ApiProposalInput>("application/json").Produces<ApiReply>(StatusCodes.Status201Created);
        complaints.MapPost("/{id:int}/confirm", ConfirmAsync).WithName("ConfirmResolution").Produces(StatusCodes.Status204NoContent);
        complaints.MapPost("/{id:int}/not-yet", NotYetAsync).WithName("NotYetResolved")
            .Accepts<ApiNotYetInput>("application/json").Produces<ApiReply>(StatusCodes.Status201Created);
        complaints.MapPost("/{id:int}/rating", RateAsync).WithName("RateResolution")
            .Accepts<ApiRatingInput>("application/json").Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> ProposeAsync(int id, HttpContext http, ComplaintResolutionService resolution, CancellationToken ct)
    {
        var (input, bad) = await ApiProblems.ReadAsync<ApiProposalInput>(http.Request);
        if (bad is not null)
        {
            return bad;
        }

        var result = await resolution.ProposeAsync(id, input!.Body, Viewer.From(http.User), ct);
        return result.Outcome switch
        {
            ThreadOutcome.Posted => TypedResults.Created($"{ApiPaths.Root}/complaints/{id}", ApiReply.From(result.Reply!)),
            ThreadOutcome.Empty => Field("body", "A proposed resolution needs a text."),
            ThreadOutcome.TooLong => Field("body", "The proposed resolution is too long."),
            ThreadOutcome.NotFound => ApiProblems.NotFound("complaint"),
            ThreadOutcome.NotOwner => ApiProblems.Forbidden(
                $"Only the complaint's owner proposes its resolution; people who work here take it over first (POST {ApiPaths.Root}/complaints/{id}/claim)."),
            ThreadOutcome.AlreadySolved => Conflict("Already solved", "This complaint is solved already."),
            ThreadOutcome.Closed => Conflict("Complaint closed", "This complaint was removed; it takes no more replies."),
            ThreadOutcome.LimitReached => ApiProblems.TooMany(result.RetryAfter, http),
            ThreadOutcome.Blocked => ApiProblems.Forbidden("The team blocked you from posting."),
            ThreadOutcome.SignInRequired => ApiProblems.SignInRequired(),
            _ => Conflict("Not proposed", "The proposal was not written."),
        };
    }

    private static async Task<IResult> ConfirmAsync(int id, HttpContext http, ComplaintResolutionService resolution, CancellationToken ct) =>
        Answer(await resolution.ConfirmAsync(id, Viewer.From(http.User), ct), http, TypedResults.NoContent());

    private static async Task<IResult> NotYetAsync(int id, HttpContext http, ComplaintResolutionService resolution, CancellationToken ct)
    {
        var (input, bad) = await ApiProblems.ReadAsync<ApiNotYetInput>(http.Request);
        if (bad is not null)
        {
            return bad;
        }

        var result = await resolution.ReopenAsync(id, input!.Message, Viewer.From(http.User), ct);
        return Answer(result, http, result.Reply is { } reply ? TypedResults.Created($"{ApiPaths.Root}/complaints/{id}", ApiReply.From(reply)) : null);
    }

    private static async Task<IResult> RateAsync(int id, HttpContext http, ComplaintResolutionService resolution, CancellationToken ct)
    {
        var (input, bad) = await ApiProblems.ReadAsync<ApiRatingInput>(http.Request);
        if (bad is not null)
        {
            return bad;
        }

        if (input!.Stars is not { } stars)
        {
            return Field("stars", $"A rating needs {Post.RatingMin} to {Post.RatingMax} stars.");
        }

        return Answer(await resolution.RateAsync(id, stars, input.Comment, Viewer.From(http.User), ct), http, TypedResults.NoContent());
    }

    /// <summary>The service's word as HTTP: <paramref name="done"/> on success, else the refusal and why.</summary>
    private static IResult Answer(ResolutionResult result, HttpContext http, IResult? done) => result.Outcome switch
    {
        ResolutionOutcome.Done when done is not null => done,
        ResolutionOutcome.RatingOutOfRange => Field("stars", $"A rating needs {Post.RatingMin} to {Post.RatingMax} stars."),
        ResolutionOutcome.CommentTooLong => Field("comment", $"The comment is longer than {Post.RatingCommentMaxLength} characters."),
        ResolutionOutcome.MessageRequired => Field("message", "Say what is still missing."),
        ResolutionOutcome.MessageTooLong => Field("message", "The message is too long."),
        ResolutionOutcome.SignInRequired => ApiProblems.SignInRequired(),
        ResolutionOutcome.NotFound => ApiProblems.NotFound("complaint"),
        ResolutionOutcome.NotTheCustomer => ApiProblems.Forbidden(
            "Only the customer who filed this complaint confirms it, says what is missing or rates it."),
        ResolutionOutcome.Closed => Conflict("Complaint closed", "This complaint was removed; nothing more happens to it."),
        ResolutionOutcome.AlreadySolved => Conflict("Already solved", "This complaint is solved already."),
        ResolutionOutcome.NotConfirmed => Conflict("Not confirmed", "A rating comes after you confirmed the complaint solved."),
        ResolutionOutcome.AlreadyRated => Conflict("Already rated", "You rated this complaint already; a rating is given once."),
        ResolutionOutcome.LimitReached => ApiProblems.TooMany(result.RetryAfter, http),
        _ => Conflict("Not done", "The complaint changed meanwhile; nothing was written."),
    };

    /// <summary>A body is optional here: none at all reads as <paramref name="none"/>; a malformed one is still a 400.</summary>
    internal static async Task<(T? Value, ValidationProblem? Problem)> ReadOptionalAsync<T>(HttpRequest request, T none)
        where T : class =>
        request.ContentLength is null or 0 && !request.HasJsonContentType() ? (none, null) : await ApiProblems.ReadAsync<T>(request);

    internal static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    internal static ProblemHttpResult Conflict(string title, string detail) => ApiProblems.Problem(StatusCodes.Status409Conflict, title, detail);
}
