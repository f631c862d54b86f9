using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Features.Api;

/// <summary>A complaint filed through the API; <paramref name="IsPublic"/> as on the form (private unless asked).</summary>
public sealed record ApiComplaintInput(string? Title, string? Body, ComplaintMood? Mood, string? Reference, bool IsPublic = false);

/// <summary>Complaints: a customer's own, all of them for people who work here (the complaints service's rule), and filing one.</summary>
public static class ComplaintEndpoints
{
    public static void MapComplaints(this RouteGroupBuilder api)
    {
        var complaints = api.MapGroup("/complaints").WithTags("Complaints");
        complaints.MapGet("/", async (HttpContext http, ComplaintService service, CancellationToken ct) =>
            TypedResults.Ok((await service.ListAsync(Viewer.From(http.User), ct)).Select(ApiIdeaSummary.From).ToList()))
            .WithName("ListComplaints");
        complaints.MapPost("/", FileAsync).WithName("FileComplaint").Accepts<ApiComplaintInput>("application/json");
    }

    private static async Task<IResult> FileAsync(HttpContext http, ComplaintService complaints, CancellationToken ct)
    {
        var (input, bad) = await ApiProblems.ReadAsync<ApiComplaintInput>(http.Request);
        if (bad is not null)
        {
            return bad;
        }

        var result = await complaints.FileAsync(
            new FileComplaint(input!.Title, input.Body, input.Mood, input.Reference, input.IsPublic), Viewer.From(http.User), ct);
        return result.Outcome switch
        {
            ProposeOutcome.Created => TypedResults.Created($"{ApiPaths.Root}/posts/{result.PostId}/replies", new { id = result.PostId }),
            ProposeOutcome.Invalid => ApiProblems.Invalid(result.Errors),
            ProposeOutcome.LimitReached => ApiProblems.TooMany(result.RetryAfter, http),
            ProposeOutcome.Blocked => ApiProblems.Forbidden("The team blocked you from posting."),
            _ => ApiProblems.SignInRequired(),
        };
    }
}
