using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class ComplaintWaitConfiguration : IEntityTypeConfiguration<ComplaintWait>
{
    public void Configure(EntityTypeBuilder<ComplaintWait> wait)
    {
        wait.HasOne(w => w.Post).WithMany(p => p.Waits).HasForeignKey(w => w.PostId).OnDelete(DeleteBehavior.Cascade);

        // The open wait of a complaint.
        wait.HasIndex(w => new { w.PostId, w.EndedAt });

        // The insights read the waits of a period (open, or ended in it) for answers, waiting counts and escalations: the
        // index holds every column they read, so a year's tens of thousands of waits come from the index alone.
        wait.HasIndex(w => new { w.EndedAt, w.Since, w.AnsweredAt, w.First, w.EscalatedAt, w.PostId }).HasDatabaseName("IX_ComplaintWaits_Period");
    }
}
