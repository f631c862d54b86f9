using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> entry)
    {
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
        entry.Property(e => e.UserId).HasMaxLength(450);
        entry.Property(e => e.ActorId).HasMaxLength(450);
        entry.Property(e => e.AccountHash).HasMaxLength(SecurityEvent.AccountHashLength);
        entry.Property(e => e.ClientAddress).HasMaxLength(SecurityEvent.AddressMaxLength);
        entry.Property(e => e.Detail).HasMaxLength(SecurityEvent.DetailMaxLength);

        // The admin page lists newest first (the key), all of it or one person's; a later retention job deletes by age.
        entry.HasIndex(e => new { e.UserId, e.Id });
        entry.HasIndex(e => e.OccurredAt);
    }
}
