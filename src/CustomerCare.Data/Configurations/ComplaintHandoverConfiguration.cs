using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class ComplaintHandoverConfiguration : IEntityTypeConfiguration<ComplaintHandover>
{
    public void Configure(EntityTypeBuilder<ComplaintHandover> handover)
    {
        handover.Property(h => h.FromOwnerId).HasMaxLength(450);
        handover.Property(h => h.ToOwnerId).HasMaxLength(450);
        handover.Property(h => h.ById).HasMaxLength(450);
        handover.Property(h => h.Reason).HasMaxLength(ComplaintHandover.ReasonMaxLength);
        handover.HasOne(h => h.Post).WithMany(p => p.Handovers).HasForeignKey(h => h.PostId).OnDelete(DeleteBehavior.Cascade);

        // Users never cascade into content (see PostConfiguration).
        handover.HasOne(h => h.FromOwner).WithMany().HasForeignKey(h => h.FromOwnerId).OnDelete(DeleteBehavior.Restrict);
        handover.HasOne(h => h.ToOwner).WithMany().HasForeignKey(h => h.ToOwnerId).OnDelete(DeleteBehavior.Restrict);
        handover.HasOne(h => h.By).WithMany().HasForeignKey(h => h.ById).OnDelete(DeleteBehavior.Restrict);
        handover.HasIndex(h => new { h.PostId, h.At });
        handover.HasIndex(h => new { h.ToOwnerId, h.At });
    }
}
