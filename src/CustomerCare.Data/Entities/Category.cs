namespace CustomerCare.Data.Entities;

/// <summary>What an idea is about (app, billing, tariffs …); names in both portal languages.</summary>
public sealed class Category
{
    public const int NameMaxLength = 60;

    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string NameEnglish { get; set; }

    public required string NameGerman { get; set; }

    public int SortOrder { get; set; }
}
