using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class ComplaintWaitConfiguration : IEntityTypeConfiguration<ComplaintWait>
{
    public void Configure(EntityTypeBuilder<ComplaintWait> wait)
    {
        wait.HasOne(w => w.Post).WithMany(p => p.Waits).HasForeignKey(w => w.PostId).OnDelete(DeleteBehavior.Cascade);

        // The open wait of a complaint; the insights' answers, waiting counts and escalations by time.
        wait.HasIndex(w => new { w.PostId, w.EndedAt });
        wait.HasIndex(w => w.AnsweredAt);
        wait.HasIndex(w => new { w.EndedAt, w.Since });
        wait.HasIndex(w => w.EscalatedAt);
    }
}
