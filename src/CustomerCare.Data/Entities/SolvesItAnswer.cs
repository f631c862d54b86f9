namespace CustomerCare.Data.Entities;

/// <summary>"Does this solve it for you?" — one answer per person per shipped idea, counted on the idea.</summary>
public sealed class SolvesItAnswer
{
    public long Id { get; set; }

    public required int PostId { get; set; }

    public Post? Post { get; set; }

    public required string UserId { get; set; }

    public CareUser? User { get; set; }

    public required bool Solves { get; set; }

    public required DateTime At { get; set; }
}
