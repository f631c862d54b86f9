using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Decisions;

/// <summary>A duplicate was merged into another idea; open pages of the duplicate point there.</summary>
public sealed record PostMerged(int DuplicateId, int OriginalId, string OriginalTitle, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(DuplicateId), OccurredAt);
