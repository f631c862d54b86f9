using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Helpful;

/// <summary>
/// Someone marked a reply helpful or took the mark back; carries the reply's new count for every open page of the post.
/// It says nothing about who marked: only replies every reader of the post sees can be marked, so the post's topic fits.
/// </summary>
public sealed record HelpfulChanged(int PostId, long ReplyId, int Count, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(PostId), OccurredAt);

/// <summary>Someone who works here endorsed a customer's answer, or took the endorsement back (<paramref name="Endorsement"/> null).</summary>
public sealed record ReplyEndorsed(int PostId, long ReplyId, Posts.Endorsement? Endorsement, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(PostId), OccurredAt);
