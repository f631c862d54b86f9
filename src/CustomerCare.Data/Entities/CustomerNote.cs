namespace CustomerCare.Data.Entities;

/// <summary>
/// What the team wants to remember about a customer ("prefers a call after 5 pm"), on their story page: for people who
/// work here only. Notes are written once and never edited, each with who wrote it and when, so the page is its own
/// record of who said what about the customer.
/// </summary>
public sealed class CustomerNote
{
    public const int BodyMaxLength = 2_000;

    public long Id { get; set; }

    public required string CustomerId { get; set; }

    public CareUser? Customer { get; set; }

    public required string AuthorId { get; set; }

    public CareUser? Author { get; set; }

    public required string Body { get; set; }

    public required DateTime CreatedAt { get; set; }
}
