using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> post)
    {
        post.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        post.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        post.Property(p => p.Title).HasMaxLength(Post.TitleMaxLength);
        post.Property(p => p.Body).HasMaxLength(Post.BodyMaxLength);
        post.Property(p => p.AuthorId).HasMaxLength(450);
        post.Property(p => p.ShippedIn).HasMaxLength(Post.ReleaseMaxLength);
        post.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.SetNull);

        // Users are never cascaded into content: SQL Server rejects multiple cascade paths
        // (user → post → vote and user → vote), and removing a person must not erase a dialogue.
        post.HasOne(p => p.Author).WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.Restrict);

        // The board's sorts read these columns only; counts are denormalized so no query counts votes.
        post.HasIndex(p => new { p.Kind, p.Status });
        post.HasIndex(p => new { p.Kind, p.VoteCount });
        post.HasIndex(p => new { p.Kind, p.CreatedAt });
        post.HasIndex(p => p.AuthorId);
        post.HasIndex(p => new { p.Kind, p.CategoryId });
        post.HasIndex(p => new { p.Kind, p.Status, p.ShippedIn });
    }
}
