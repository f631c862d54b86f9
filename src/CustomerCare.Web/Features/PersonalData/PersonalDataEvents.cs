using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.PersonalData;

/// <summary>
/// A person's archive moved on: its progress in percent, and when ready, until when its link works. Only the person's
/// own topic carries it, so only their open pages hear of it.
/// </summary>
public sealed record ArchiveProgressed(string UserId, string Token, int Percent, ArchiveState State, DateTime ExpiresAt, DateTime OccurredAt)
    : LiveEvent(LiveTopics.User(UserId), OccurredAt);
