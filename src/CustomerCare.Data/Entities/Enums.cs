namespace CustomerCare.Data.Entities;

public enum PostKind
{
    Idea,
    Complaint,
}

/// <summary>
/// One lifecycle for both kinds. Ideas move Open → UnderReview → Planned → InProgress → Shipped
/// (or Declined); complaints move Open → InProgress → Solved, and only the customer says Solved.
/// Stored as text so that adding a state never renumbers rows.
/// </summary>
public enum PostStatus
{
    Open,
    UnderReview,
    Planned,
    InProgress,
    Shipped,
    Declined,
    Solved,
}

/// <summary>How the customer feels when filing a complaint; the desk puts an angry customer with a long wait first.</summary>
public enum ComplaintMood
{
    Angry,
    Disappointed,
    Unsure,
    Hopeful,
}

/// <summary>How a complaint came to be solved. Only the customer confirms; staff may close only after the configured silence.</summary>
public enum ComplaintOutcome
{
    ConfirmedByCustomer,
    ClosedAfterSilence,
}

/// <summary>Why an idea or reply waits for approval by the team. Stored as text.</summary>
public enum HoldReason
{
    /// <summary><c>Moderation:Hold</c> is <c>Everyone</c>: every customer's idea and reply waits.</summary>
    Everyone,

    /// <summary><c>Moderation:Hold</c> is <c>NewAccounts</c> and the account is new or its address unconfirmed.</summary>
    NewAccount,

    /// <summary>A new account's text holds at least <c>Moderation:MaxLinksBeforeHold</c> links.</summary>
    Links,

    /// <summary>A new account wrote the same text as one of its own posts or replies of the last day.</summary>
    Repeated,
}
