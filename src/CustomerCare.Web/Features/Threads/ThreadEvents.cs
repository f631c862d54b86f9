using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Threads;

/// <summary>
/// A new reply, with everything an open page needs to show it and the post's new public reply count.
/// An internal note, or a reply that waits for approval, travels only on the staff topic, so a customer's page never receives it.
/// Plain positional records: they will cross servers as JSON.
/// </summary>
public sealed record ReplyAdded(ReplyView Reply, int PostId, int ReplyCount, DateTime OccurredAt)
    : LiveEvent(PostVisibility.TopicOf(PostId, Reply), OccurredAt);

/// <summary>An author corrected a reply within the edit window; carries the reply as it reads now.</summary>
public sealed record ReplyEdited(ReplyView Reply, int PostId, DateTime OccurredAt)
    : LiveEvent(PostVisibility.TopicOf(PostId, Reply), OccurredAt);

/// <summary>Staff pinned a reply as the official answer, or unpinned it (<paramref name="ReplyId"/> null).</summary>
public sealed record OfficialAnswerChanged(int PostId, long? ReplyId, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(PostId), OccurredAt);
