using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Features.Api;

/// <summary>A product owner's status decision on an idea: the new status, the note people read, the release it shipped in.</summary>
public sealed record ApiStatusInput(PostStatus Status, string? Note, string? ShippedIn);

/// <summary>Status decisions: product owners and admins, as on the idea's page (the decision service's one permission).</summary>
public static class DecisionEndpoints
{
    public static void MapDecisions(this RouteGroupBuilder api)
    {
        api.MapPost("/ideas/{id:int}/status", DecideAsync).WithTags("Decisions").WithName("DecideStatus").Accepts<ApiStatusInput>("application/json");
    }

    private static async Task<IResult> DecideAsync(int id, HttpContext http, StatusDecisionService decisions, CancellationToken ct)
    {
        var (input, bad) = await ApiProblems.ReadAsync<ApiStatusInput>(http.Request);
        if (bad is not null)
        {
            return bad;
        }

        var viewer = Viewer.From(http.User);
        if (!viewer.IsSignedIn)
        {
            return ApiProblems.SignInRequired();
        }

        var result = await decisions.ChangeStatusAsync(id, input!.Status, input.Note, input.ShippedIn, viewer, ct);
        return result.Outcome switch
        {
            StatusChangeOutcome.Changed => TypedResults.NoContent(),
            StatusChangeOutcome.NotAllowed => ApiProblems.Forbidden("Only product owners and admins decide an idea's status."),
            StatusChangeOutcome.NotFound => ApiProblems.NotFound("idea"),
            StatusChangeOutcome.Unchanged or StatusChangeOutcome.Conflict => ApiProblems.Problem(StatusCodes.Status409Conflict, "Not changed", result.MessageKey),
            StatusChangeOutcome.NoteTooLong or StatusChangeOutcome.ReasonRequired => Field("note", result.MessageKey),
            StatusChangeOutcome.ReleaseTooLong or StatusChangeOutcome.ReleaseOnlyWhenShipped => Field("shippedIn", result.MessageKey),
            _ => Field("status", result.MessageKey),
        };
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
