using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Features.Api;

/// <summary>
/// Complaints: a customer's own, all of them for people who work here (the complaints service's rule), filing one, reading
/// one, and taking one over; the resolution's steps are in <see cref="ComplaintResolutionEndpoints"/>.
/// </summary>
public static class ComplaintEndpoints
{
    public static void MapComplaints(this RouteGroupBuilder api)
    {
        var complaints = api.MapGroup("/complaints").WithTags("Complaints");
        complaints.MapGet("/", async (HttpContext http, ComplaintService service, CancellationToken ct) =>
            TypedResults.Ok((await service.ListAsync(Viewer.From(http.User), ct)).Select(ApiIdeaSummary.From).ToList()))
            .WithName("ListComplaints");
        complaints.MapPost("/", FileAsync).WithName("FileComplaint").Accepts<ApiComplaintInput>("application/json");
        complaints.MapGet("/{id:int}", GetAsync).WithName("GetComplaint").Produces<ApiComplaint>();
        complaints.MapPost("/{id:int}/claim", ClaimAsync).WithName("ClaimComplaint")
            .Accepts<ApiClaimInput>("application/json").Produces<ApiComplaintOwner>();
        complaints.MapResolution();
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
            ProposeOutcome.Created => TypedResults.Created($"{ApiPaths.Root}/complaints/{result.PostId}", new { id = result.PostId }),
            ProposeOutcome.Invalid => ApiProblems.Invalid(result.Errors),
            ProposeOutcome.LimitReached => ApiProblems.TooMany(result.RetryAfter, http),
            ProposeOutcome.Blocked => ApiProblems.Forbidden("The team blocked you from posting."),
            _ => ApiProblems.SignInRequired(),
        };
    }

    // The page's rule: the customer's own or any for people who work here; to anyone else it does not exist (404).
    private static async Task<IResult> GetAsync(int id, HttpContext http, PostService posts, ComplaintService complaints, CancellationToken ct)
    {
        var viewer = Viewer.From(http.User);
        return await complaints.GetDetailsAsync(id, viewer, ct) is { } info && await posts.GetAsync(id, viewer, ct) is { } post
            ? TypedResults.Ok(ApiComplaint.From(post, info))
            : ApiProblems.NotFound("complaint");
    }

    private static async Task<IResult> ClaimAsync(int id, HttpContext http, ComplaintOwnershipService ownership, CancellationToken ct)
    {
        var (input, bad) = await ComplaintResolutionEndpoints.ReadOptionalAsync(http.Request, new ApiClaimInput(null));
        if (bad is not null)
        {
            return bad;
        }

        var result = await ownership.ClaimAsync(id, Viewer.From(http.User), input!.Reason, ct: ct);
        return result.Outcome switch
        {
            OwnershipOutcome.Done or OwnershipOutcome.Unchanged =>
                TypedResults.Ok(new ApiComplaintOwner(result.Outcome == OwnershipOutcome.Done, result.Owner?.DisplayName)),
            OwnershipOutcome.ReasonTooLong => ComplaintResolutionEndpoints.Field("reason", "The reason is too long."),
            OwnershipOutcome.NotAllowed => ApiProblems.Forbidden("Only people who work here take complaints over."),
            OwnershipOutcome.NotFound => ApiProblems.NotFound("complaint"),
            OwnershipOutcome.Closed => ComplaintResolutionEndpoints.Conflict("Complaint closed", "A solved or removed complaint keeps the owner it ended with."),
            OwnershipOutcome.TargetNotStaff => ApiProblems.Forbidden("Only people who work here own complaints."),
            OwnershipOutcome.Conflict => ComplaintResolutionEndpoints.Conflict("Owner changed", "Someone changed the owner meanwhile; nothing was written."),
            _ => ApiProblems.SignInRequired(),
        };
    }
}
