using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> report)
    {
        report.Property(r => r.Reason).HasConversion<string>().HasMaxLength(16);
        report.Property(r => r.Resolution).HasConversion<string>().HasMaxLength(16);
        report.Property(r => r.Note).HasMaxLength(Report.NoteMaxLength);
        report.Property(r => r.ReporterId).HasMaxLength(450);
        report.Property(r => r.ResolvedById).HasMaxLength(450);
        report.Property(r => r.OpenKey).HasMaxLength(Report.OpenKeyMaxLength);
        report.HasOne(r => r.Post).WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);

        // NoAction: posts cascade to replies and to reports, and SQL Server refuses a second cascade path.
        report.HasOne(r => r.Reply).WithMany().HasForeignKey(r => r.ReplyId).OnDelete(DeleteBehavior.NoAction);
        report.HasOne(r => r.Reporter).WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Restrict);
        report.HasOne<CareUser>().WithMany().HasForeignKey(r => r.ResolvedById).OnDelete(DeleteBehavior.Restrict);

        // One open report per person and target; the queue reads the open ones, oldest first.
        report.HasIndex(r => r.OpenKey).IsUnique();
        report.HasIndex(r => new { r.ResolvedAt, r.CreatedAt });
        report.HasIndex(r => new { r.PostId, r.ReplyId });
    }
}
