using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Notifications;

/// <summary>Someone's notifications changed (new ones, or read); carries their new unread count for the bell.</summary>
public sealed record NotificationsChanged(string UserId, int Unread, DateTime OccurredAt)
    : LiveEvent(LiveTopics.User(UserId), OccurredAt);

/// <summary>
/// Someone's follow of a post may have changed (they chose, or their vote or reply made them follow): their own
/// open pages of that post read it again, so the follow button never says "Follow" to someone who follows.
/// </summary>
public sealed record FollowChanged(string UserId, int PostId, DateTime OccurredAt)
    : LiveEvent(LiveTopics.User(UserId), OccurredAt);
