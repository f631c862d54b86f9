using CustomerCare.Web.Live;

namespace CustomerCare.Web.Infrastructure.Access;

/// <summary>Why a person's sessions ended. Stored nowhere but logs and the event; add kinds (Blocked) as they come.</summary>
public enum AccessChangeReason
{
    SignedOut,
    RoleChanged,
    PasswordReset,

    /// <summary>Staff blocked the person from posting (BlockService).</summary>
    Blocked,

    /// <summary>The person deleted their account (AccountDeletion).</summary>
    Deleted,
}

/// <summary>
/// A person's access changed (their security stamp is new): on their own topic, so their open pages revalidate at once
/// and their hub connections close, on every server the bus reaches.
/// </summary>
public sealed record AccessChanged(string UserId, AccessChangeReason Reason, DateTime OccurredAt)
    : LiveEvent(LiveTopics.User(UserId), OccurredAt);
