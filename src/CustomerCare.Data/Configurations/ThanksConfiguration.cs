using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class ThanksConfiguration : IEntityTypeConfiguration<Thanks>
{
    public void Configure(EntityTypeBuilder<Thanks> thanks)
    {
        thanks.HasIndex(t => new { t.FromUserId, t.Target }).IsUnique();
        // A profile's count and its notes, newest first.
        thanks.HasIndex(t => new { t.ToUserId, t.CreatedAt });
        thanks.Property(t => t.FromUserId).HasMaxLength(450);
        thanks.Property(t => t.ToUserId).HasMaxLength(450);
        thanks.Property(t => t.Target).HasMaxLength(40);
        thanks.Property(t => t.Note).HasMaxLength(Thanks.NoteMaxLength);
        thanks.HasOne(t => t.From).WithMany().HasForeignKey(t => t.FromUserId).OnDelete(DeleteBehavior.Restrict);
        thanks.HasOne(t => t.To).WithMany().HasForeignKey(t => t.ToUserId).OnDelete(DeleteBehavior.Restrict);
        thanks.HasOne(t => t.Post).WithMany().HasForeignKey(t => t.PostId).OnDelete(DeleteBehavior.Cascade);
        // No cascade from the reply (SQL Server allows one cascade path from a post); erasure deletes these first.
        thanks.HasOne(t => t.Reply).WithMany().HasForeignKey(t => t.ReplyId).OnDelete(DeleteBehavior.NoAction);
    }
}
