using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;

namespace CustomerCare.Web.Features.Api;

/// <summary>A complaint filed through the API; <paramref name="IsPublic"/> as on the form (private unless asked).</summary>
public sealed record ApiComplaintInput(string? Title, string? Body, ComplaintMood? Mood, string? Reference, bool IsPublic = false);

/// <summary>
/// One complaint as its page shows it: <paramref name="Reference"/> and <paramref name="Rating"/> only to its customer and
/// staff (the complaints service's rule), <paramref name="PendingProposal"/> while the owner's proposal waits for the customer.
/// </summary>
public sealed record ApiComplaint(
    int Id, string Title, string Body, PostStatus Status, string Customer, DateTime CreatedAt, ComplaintMood? Mood, string? Reference,
    string? Owner, ComplaintOutcome? Outcome, ApiRating? Rating, ApiPendingProposal? PendingProposal, IReadOnlyList<ApiReply> Replies)
{
    public static ApiComplaint From(PostDetails post, ComplaintInfo info) => new(
        post.Post.Id, post.Post.Title, post.Body, post.Post.Status, post.Post.Author.DisplayName, post.Post.CreatedAt, info.Mood, info.Reference,
        info.Owner?.DisplayName, info.Outcome, info.Rating is { } r ? new(r.Stars, r.Comment, r.At) : null,
        info.PendingProposal is { } p ? new(p.ReplyId, p.ProposerName, p.At) : null, [.. post.Replies.Select(ApiReply.From)]);
}

public sealed record ApiRating(int Stars, string? Comment, DateTime At);

public sealed record ApiPendingProposal(long ReplyId, string Proposer, DateTime At);

/// <summary>A claim's result: <paramref name="Changed"/> is false when the caller owned it already; <paramref name="Owner"/> names the new owner.</summary>
public sealed record ApiComplaintOwner(bool Changed, string? Owner);

/// <summary>Taking a complaint over; a reason is optional ("back from holiday").</summary>
public sealed record ApiClaimInput(string? Reason);

/// <summary>The owner's proposed resolution, a public reply.</summary>
public sealed record ApiProposalInput(string? Body);

/// <summary>The customer's "not yet": what is still missing.</summary>
public sealed record ApiNotYetInput(string? Message);

/// <summary>The customer's rating, once, after confirming: 1 to 5 stars and an optional comment.</summary>
public sealed record ApiRatingInput(int? Stars, string? Comment);
