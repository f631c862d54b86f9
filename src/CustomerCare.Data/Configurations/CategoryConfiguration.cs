using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

/// <summary>The company's categories exist in every database from the migration that introduced them.</summary>
internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> category)
    {
        category.Property(c => c.Slug).HasMaxLength(40);
        category.Property(c => c.NameEnglish).HasMaxLength(Category.NameMaxLength);
        category.Property(c => c.NameGerman).HasMaxLength(Category.NameMaxLength);
        category.HasIndex(c => c.Slug).IsUnique();
        category.HasData(
            new Category { Id = 1, Slug = "app", NameEnglish = "App", NameGerman = "App", SortOrder = 1 },
            new Category { Id = 2, Slug = "portal", NameEnglish = "Customer portal", NameGerman = "Kundenportal", SortOrder = 2 },
            new Category { Id = 3, Slug = "billing", NameEnglish = "Billing and payments", NameGerman = "Rechnung und Zahlung", SortOrder = 3 },
            new Category { Id = 4, Slug = "tariffs", NameEnglish = "Tariffs and products", NameGerman = "Tarife und Produkte", SortOrder = 4 },
            new Category { Id = 5, Slug = "service", NameEnglish = "Service and contact", NameGerman = "Service und Kontakt", SortOrder = 5 },
            new Category { Id = 6, Slug = "network", NameEnglish = "Network and outages", NameGerman = "Netz und Störungen", SortOrder = 6 });
    }
}
