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
}
