namespace CustomerCare.Data.Entities;

public sealed class Post
{
    public const int TitleMinLength = 5;
    public const int TitleMaxLength = 120;
    public const int BodyMaxLength = 10_000;
    public const int ReleaseMaxLength = 40;

    public int Id { get; set; }

    public required PostKind Kind { get; set; }

    public required string Title { get; set; }

    /// <summary>Markdown as the author typed it; rendered only through the one sanitizer.</summary>
    public required string Body { get; set; }

    public required string AuthorId { get; set; }

    public CareUser? Author { get; set; }

    public required DateTime CreatedAt { get; set; }

    public required DateTime UpdatedAt { get; set; }

    public PostStatus Status { get; set; } = PostStatus.Open;

    public int? CategoryId { get; set; }

    public Category? Category { get; set; }

    /// <summary>The release a shipped idea went out with ("App 3.2"); the changelog groups by it.</summary>
    public string? ShippedIn { get; set; }

    /// <summary>Complaints are private (customer and staff only) unless the customer makes them public.</summary>
    public bool IsPublic { get; set; } = true;

    /// <summary>Denormalized: the unique index on <see cref="Vote"/> is the truth, this is kept in the same transaction.</summary>
    public int VoteCount { get; set; }

    /// <summary>Denormalized count of public replies (internal notes excluded), kept in the same transaction.</summary>
    public int ReplyCount { get; set; }

    public List<Reply> Replies { get; } = [];

    public List<Vote> Votes { get; } = [];

    public List<StatusChange> StatusChanges { get; } = [];
}
