using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class PostFollowConfiguration : IEntityTypeConfiguration<PostFollow>
{
    public void Configure(EntityTypeBuilder<PostFollow> follow)
    {
        // A surrogate key: SQL Server's clustered key must stay under 900 bytes; the pair is a unique index.
        follow.HasIndex(f => new { f.UserId, f.PostId }).IsUnique();
        follow.Property(f => f.UserId).HasMaxLength(450);
        follow.Property(f => f.Reason).HasConversion<string>().HasMaxLength(16);
        follow.HasOne(f => f.Post).WithMany().HasForeignKey(f => f.PostId).OnDelete(DeleteBehavior.Cascade);
        follow.HasOne(f => f.User).WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Restrict);

        // Fan-out reads a post's followers.
        follow.HasIndex(f => new { f.PostId, f.Following });
    }
}

internal sealed class CategoryFollowConfiguration : IEntityTypeConfiguration<CategoryFollow>
{
    public void Configure(EntityTypeBuilder<CategoryFollow> follow)
    {
        // A surrogate key: SQL Server's clustered key must stay under 900 bytes; the pair is a unique index.
        follow.HasIndex(f => new { f.UserId, f.CategoryId }).IsUnique();
        follow.Property(f => f.UserId).HasMaxLength(450);
        follow.HasOne(f => f.Category).WithMany().HasForeignKey(f => f.CategoryId).OnDelete(DeleteBehavior.Cascade);
        follow.HasOne(f => f.User).WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Restrict);
        follow.HasIndex(f => f.CategoryId);
    }
}
