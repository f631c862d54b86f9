using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Votes;

/// <summary>An idea's vote count after a vote was cast or taken back.</summary>
public sealed record VoteCountChanged(int PostId, int VoteCount, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(PostId), OccurredAt);
