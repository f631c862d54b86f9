using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class ShipFeedbackConfiguration : IEntityTypeConfiguration<ShipFeedback>
{
    public void Configure(EntityTypeBuilder<ShipFeedback> feedback)
    {
        // A surrogate key: SQL Server's clustered key must stay under 900 bytes; the pair is a unique index.
        feedback.HasIndex(f => new { f.PostId, f.UserId }).IsUnique();
        feedback.Property(f => f.UserId).HasMaxLength(450);
        feedback.HasOne(f => f.Post).WithMany().HasForeignKey(f => f.PostId).OnDelete(DeleteBehavior.Cascade);
        feedback.HasOne(f => f.User).WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
