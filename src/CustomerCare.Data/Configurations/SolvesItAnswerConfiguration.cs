using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class SolvesItAnswerConfiguration : IEntityTypeConfiguration<SolvesItAnswer>
{
    public void Configure(EntityTypeBuilder<SolvesItAnswer> answer)
    {
        // A surrogate key: SQL Server's clustered key must stay under 900 bytes; the pair is a unique index.
        answer.HasIndex(f => new { f.PostId, f.UserId }).IsUnique();
        answer.HasIndex(f => f.At); // the insights: the answers of a period
        answer.Property(f => f.UserId).HasMaxLength(450);
        answer.HasOne(f => f.Post).WithMany().HasForeignKey(f => f.PostId).OnDelete(DeleteBehavior.Cascade);
        answer.HasOne(f => f.User).WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
