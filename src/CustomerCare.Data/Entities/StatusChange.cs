namespace CustomerCare.Data.Entities;

public sealed class StatusChange
{
    public const int NoteMaxLength = 2_000;

    public long Id { get; set; }

    public required int PostId { get; set; }

    public Post? Post { get; set; }

    public required PostStatus From { get; set; }

    public required PostStatus To { get; set; }

    public required string ChangedById { get; set; }

    public CareUser? ChangedBy { get; set; }

    public string? Note { get; set; }

    public required DateTime ChangedAt { get; set; }
}
