using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(16);
        entry.Property(e => e.ActorId).HasMaxLength(450);
        entry.Property(e => e.Reason).HasMaxLength(AuditEntry.ReasonMaxLength);
        entry.Property(e => e.Details).HasMaxLength(AuditEntry.DetailsMaxLength);
        entry.HasOne(e => e.Post).WithMany().HasForeignKey(e => e.PostId).OnDelete(DeleteBehavior.Cascade);
        entry.HasOne(e => e.Actor).WithMany().HasForeignKey(e => e.ActorId).OnDelete(DeleteBehavior.Restrict);
        entry.HasIndex(e => new { e.PostId, e.At });
    }
}
