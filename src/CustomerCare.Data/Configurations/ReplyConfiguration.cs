using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class ReplyConfiguration : IEntityTypeConfiguration<Reply>
{
    public void Configure(EntityTypeBuilder<Reply> reply)
    {
        reply.Property(r => r.Body).HasMaxLength(Reply.BodyMaxLength);
        reply.Property(r => r.AuthorId).HasMaxLength(450);
        reply.HasOne(r => r.Post).WithMany(p => p.Replies).HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
        reply.HasOne(r => r.Author).WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.Restrict);

        // NoAction, not Cascade: a self-reference with cascade is a cycle SQL Server refuses.
        reply.HasOne(r => r.ParentReply).WithMany().HasForeignKey(r => r.ParentReplyId).OnDelete(DeleteBehavior.NoAction);

        reply.Property(r => r.HoldReason).HasConversion<string>().HasMaxLength(16);
        reply.Property(r => r.HiddenById).HasMaxLength(450);
        reply.Property(r => r.HiddenReason).HasMaxLength(Reply.HiddenReasonMaxLength);
        reply.HasOne<CareUser>().WithMany().HasForeignKey(r => r.HiddenById).OnDelete(DeleteBehavior.Restrict);
        reply.Property(r => r.EndorsedById).HasMaxLength(450);
        reply.HasOne(r => r.EndorsedBy).WithMany().HasForeignKey(r => r.EndorsedById).OnDelete(DeleteBehavior.Restrict);

        reply.HasIndex(r => new { r.PostId, r.CreatedAt });
        reply.HasIndex(r => r.HeldAt);
        reply.HasIndex(r => r.ParentReplyId);
        // A customer's answers that helped, most marks first (their public profile).
        reply.HasIndex(r => new { r.AuthorId, r.HelpfulCount, r.Id });
    }
}
