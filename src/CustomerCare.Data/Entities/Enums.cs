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
