using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class StatusChangeConfiguration : IEntityTypeConfiguration<StatusChange>
{
    public void Configure(EntityTypeBuilder<StatusChange> change)
    {
        change.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
        change.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
        change.Property(c => c.Note).HasMaxLength(StatusChange.NoteMaxLength);
        change.Property(c => c.ChangedById).HasMaxLength(450);
        change.HasOne(c => c.Post).WithMany(p => p.StatusChanges).HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        change.HasOne(c => c.ChangedBy).WithMany().HasForeignKey(c => c.ChangedById).OnDelete(DeleteBehavior.Restrict);
        change.HasIndex(c => new { c.PostId, c.ChangedAt });
        change.HasIndex(c => new { c.To, c.ChangedAt }); // the insights: what shipped when
    }
}
