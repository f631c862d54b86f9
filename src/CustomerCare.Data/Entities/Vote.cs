namespace CustomerCare.Data.Entities;

public sealed class Vote
{
    public long Id { get; set; }

    public required int PostId { get; set; }

    public Post? Post { get; set; }

    public required string UserId { get; set; }

    public CareUser? User { get; set; }

    public required DateTime CreatedAt { get; set; }
}
