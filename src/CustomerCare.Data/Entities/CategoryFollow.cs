namespace CustomerCare.Data.Entities;

/// <summary>Someone follows a category and hears of every new idea in it.</summary>
public sealed class CategoryFollow
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public CareUser? User { get; set; }

    public required int CategoryId { get; set; }

    public Category? Category { get; set; }

    public required DateTime Since { get; set; }
}
