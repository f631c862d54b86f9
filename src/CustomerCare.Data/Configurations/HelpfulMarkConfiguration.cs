using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class HelpfulMarkConfiguration : IEntityTypeConfiguration<HelpfulMark>
{
    public void Configure(EntityTypeBuilder<HelpfulMark> mark)
    {
        mark.HasIndex(m => new { m.ReplyId, m.UserId }).IsUnique();
        // "Helped 12 customers": the distinct customers among the marks a person's replies got, one range of this index.
        // (With UserId too the key would pass SQL Server's 1,700 bytes: two ids of up to 450 characters.)
        mark.HasIndex(m => new { m.ReplyAuthorId, m.ByCustomer });
        // A person's own marks (their data download).
        mark.HasIndex(m => new { m.UserId, m.At });
        mark.Property(m => m.UserId).HasMaxLength(450);
        mark.Property(m => m.ReplyAuthorId).HasMaxLength(450);
        mark.HasOne(m => m.Reply).WithMany().HasForeignKey(m => m.ReplyId).OnDelete(DeleteBehavior.Cascade);
        mark.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        mark.HasOne<CareUser>().WithMany().HasForeignKey(m => m.ReplyAuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}
