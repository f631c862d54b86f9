namespace CustomerCare.Data.Entities;

public sealed class Reply
{
    public const int BodyMaxLength = 10_000;

    public long Id { get; set; }

    public required int PostId { get; set; }

    public Post? Post { get; set; }

    /// <summary>One level of threading: a reply answers the post (null) or a top-level reply.</summary>
    public long? ParentReplyId { get; set; }

    public Reply? ParentReply { get; set; }

    public required string AuthorId { get; set; }

    public CareUser? Author { get; set; }

    public required string Body { get; set; }

    public required DateTime CreatedAt { get; set; }

    public DateTime? EditedAt { get; set; }

    /// <summary>Visible to Staff, ProductOwner and Admin only; never sent to a customer.</summary>
    public bool IsInternalNote { get; set; }

    /// <summary>The complaint's owner proposes this answer as the resolution; the customer confirms it or says what is missing.</summary>
    public bool IsResolutionProposal { get; set; }

    /// <summary>Set while the reply waits for approval: only its author and people who work here see it, it counts nothing.</summary>
    public DateTime? HeldAt { get; set; }

    public HoldReason? HoldReason { get; set; }

    /// <summary>
    /// Hidden by the team: readers who do not work here see "hidden by our team: <see cref="HiddenReason"/>" in its
    /// place and never its body; staff still read it and may restore it. Its place (and count) in the thread stay.
    /// </summary>
    public DateTime? HiddenAt { get; set; }

    public string? HiddenById { get; set; }

    /// <summary>Shown to every reader of the thread, so written for them; at most <see cref="HiddenReasonMaxLength"/>.</summary>
    public string? HiddenReason { get; set; }

    public const int HiddenReasonMaxLength = 500;

    /// <summary>How many people marked this reply helpful (<see cref="HelpfulMark"/>), moved in the transaction that marks.</summary>
    public int HelpfulCount { get; set; }

    /// <summary>Someone who works here vouched for this customer's answer ("Endorsed by Anna Berger, Customer Care"), and when.</summary>
    public string? EndorsedById { get; set; }

    public CareUser? EndorsedBy { get; set; }

    public DateTime? EndorsedAt { get; set; }
}
