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
        post.Property(p => p.RemovedById).HasMaxLength(450);
        post.Property(p => p.RemovalReason).HasMaxLength(Post.RemovalReasonMaxLength);
        post.HasOne<CareUser>().WithMany().HasForeignKey(p => p.RemovedById).OnDelete(DeleteBehavior.Restrict);
        post.Property(p => p.HoldReason).HasConversion<string>().HasMaxLength(16);
        post.Property(p => p.Mood).HasConversion<string>().HasMaxLength(16);
        post.Property(p => p.Reference).HasMaxLength(Post.ReferenceMaxLength);
        post.Property(p => p.OwnerId).HasMaxLength(450);
        post.HasOne(p => p.Owner).WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Restrict);
        post.Property(p => p.Outcome).HasConversion<string>().HasMaxLength(24);
        post.Property(p => p.RatingComment).HasMaxLength(Post.RatingCommentMaxLength);
        post.Property(p => p.LinkedIdeaById).HasMaxLength(450);
        post.HasOne<CareUser>().WithMany().HasForeignKey(p => p.LinkedIdeaById).OnDelete(DeleteBehavior.Restrict);
        post.Property(p => p.AnswerMarkedById).HasMaxLength(450);
        post.HasOne<CareUser>().WithMany().HasForeignKey(p => p.AnswerMarkedById).OnDelete(DeleteBehavior.Restrict);

        // NoAction: self-references and the post ↔ reply pair would be cascade cycles on SQL Server.
        post.HasOne(p => p.MergedInto).WithMany().HasForeignKey(p => p.MergedIntoId).OnDelete(DeleteBehavior.NoAction);
        post.HasOne(p => p.LinkedIdea).WithMany().HasForeignKey(p => p.LinkedIdeaId).OnDelete(DeleteBehavior.NoAction);
        post.HasOne(p => p.OfficialAnswer).WithMany().HasForeignKey(p => p.OfficialAnswerId).OnDelete(DeleteBehavior.NoAction);
        post.HasOne(p => p.Answer).WithMany().HasForeignKey(p => p.AnswerId).OnDelete(DeleteBehavior.NoAction);
        post.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.SetNull);

        // Users are never cascaded into content: SQL Server rejects multiple cascade paths
        // (user → post → vote and user → vote), and removing a person must not erase a dialogue.
        post.HasOne(p => p.Author).WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.Restrict);

        // The board's sorts read these columns only; counts are denormalized so no query counts votes. Each sort index
        // holds the whole order (sort key, CreatedAt, Id — PostService.Ordered), so a first page reads 30 index entries
        // instead of sorting every idea: without the tie-breakers SQLite sorted all 100,000 ideas for Trending (210 ms →
        // 1.8 ms, docs/benchmarks.md).
        post.HasIndex(p => new { p.Kind, p.Status });
        post.HasIndex(p => new { p.Kind, p.VoteCount, p.CreatedAt, p.Id });
        post.HasIndex(p => new { p.Kind, p.CreatedAt, p.Id });
        // A person's posts newest first (their story, their public profile): equality on both, then the order itself, so
        // SQLite does not walk the whole (Kind, CreatedAt) index looking for one author's five ideas.
        post.HasIndex(p => new { p.AuthorId, p.Kind, p.CreatedAt, p.Id });
        post.HasIndex(p => new { p.Kind, p.CategoryId });
        // PostgreSQL's model has two partial indexes of this order instead, one of them covering a search (PostgresTrending).
        post.HasIndex(p => new { p.Kind, p.TrendWeight, p.CreatedAt, p.Id });
        post.HasIndex(p => new { p.Kind, p.ReplyCount, p.CreatedAt, p.Id });
        post.HasIndex(p => p.MergedIntoId);
        post.HasIndex(p => new { p.Kind, p.Status, p.ShippedIn });
        post.HasIndex(p => new { p.Kind, p.OwnerId, p.Status });
        post.HasIndex(p => p.LinkedIdeaId);
        post.HasIndex(p => p.HeldAt);

        // The insights: the loyal's and the newest's favourites read in index order; ratings by the time given.
        post.HasIndex(p => new { p.Kind, p.LoyalVoteCount, p.Id });
        post.HasIndex(p => new { p.Kind, p.NewcomerVoteCount, p.Id });
        post.HasIndex(p => new { p.Kind, p.RatedAt });
    }
}
