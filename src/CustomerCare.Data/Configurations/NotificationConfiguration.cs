using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.Property(n => n.UserId).HasMaxLength(450);
        notification.Property(n => n.ActorId).HasMaxLength(450);
        notification.Property(n => n.Kind).HasConversion<string>().HasMaxLength(24);
        notification.Property(n => n.Detail).HasMaxLength(Notification.DetailMaxLength);
        notification.HasOne(n => n.User).WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Restrict);
        notification.HasOne(n => n.Actor).WithMany().HasForeignKey(n => n.ActorId).OnDelete(DeleteBehavior.Restrict);
        notification.HasOne(n => n.Post).WithMany().HasForeignKey(n => n.PostId).OnDelete(DeleteBehavior.Cascade);

        // The bell (unread count, newest first) and the mail jobs (not yet mailed) read these.
        notification.HasIndex(n => new { n.UserId, n.ReadAt });
        notification.HasIndex(n => new { n.UserId, n.CreatedAt });
        notification.HasIndex(n => new { n.EmailedAt, n.CreatedAt });
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> preference)
    {
        // A surrogate key: SQL Server's clustered key must stay under 900 bytes; the pair is a unique index.
        preference.HasIndex(p => new { p.UserId, p.Kind }).IsUnique();
        preference.Property(p => p.UserId).HasMaxLength(450);
        preference.Property(p => p.Kind).HasConversion<string>().HasMaxLength(24);
        preference.Property(p => p.Email).HasConversion<string>().HasMaxLength(16);
        preference.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
