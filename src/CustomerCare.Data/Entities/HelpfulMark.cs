namespace CustomerCare.Data.Entities;

/// <summary>
/// "This helped me": one person's mark on one reply, at most one per person and reply (the unique index is the truth;
/// <see cref="Reply.HelpfulCount"/> moves by exactly the rows inserted or deleted, in the same transaction).
/// <see cref="ReplyAuthorId"/> and <see cref="ByCustomer"/> are kept from the moment of marking, so "helped 12 customers"
/// beside a person's tenure is one index range of the marks their replies got from customers.
/// </summary>
public sealed class HelpfulMark
{
    public long Id { get; set; }

    public required long ReplyId { get; set; }

    public Reply? Reply { get; set; }

    public required string UserId { get; set; }

    public CareUser? User { get; set; }

    /// <summary>The reply's writer, the person the mark thanks (a reply never changes its writer).</summary>
    public required string ReplyAuthorId { get; set; }

    /// <summary>The person who marked was a customer then, not someone who works here.</summary>
    public required bool ByCustomer { get; set; }

    public required DateTime At { get; set; }
}
