using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.SolvesIt;

/// <summary>
/// Someone answered "Does this solve it for you?" on a shipped idea; carries the new counts for every open page of it. It says
/// nothing about who answered what: the idea's topic is public.
/// </summary>
public sealed record SolvesItChanged(int PostId, int Solves, int NotYet, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(PostId), OccurredAt);
