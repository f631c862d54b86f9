using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> mail)
    {
        mail.Property(m => m.DedupKey).HasMaxLength(OutboxMail.DedupKeyMaxLength);
        mail.Property(m => m.UserId).HasMaxLength(450);
        mail.Property(m => m.ToAddress).HasMaxLength(OutboxMail.AddressMaxLength);
        mail.Property(m => m.ToName).HasMaxLength(80);
        mail.Property(m => m.Subject).HasMaxLength(OutboxMail.SubjectMaxLength);
        mail.Property(m => m.UnsubscribeUrl).HasMaxLength(2_000);
        mail.Property(m => m.LastError).HasMaxLength(OutboxMail.ErrorMaxLength);
        mail.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.SetNull);

        // Enqueueing the same mail twice stores it once; the sender reads what is due and not yet sent.
        mail.HasIndex(m => m.DedupKey).IsUnique();
        mail.HasIndex(m => new { m.SentAt, m.GaveUpAt, m.NextAttemptAt });
    }
}
