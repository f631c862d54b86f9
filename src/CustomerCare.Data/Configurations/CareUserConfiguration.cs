using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class CareUserConfiguration : IEntityTypeConfiguration<CareUser>
{
    public void Configure(EntityTypeBuilder<CareUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(80);
        user.Property(u => u.AvatarUrl).HasMaxLength(300);
        user.Property(u => u.JobTitle).HasMaxLength(80);
        user.Property(u => u.Language).HasMaxLength(10);
        user.Property(u => u.BlockedById).HasMaxLength(450);
        user.Property(u => u.BlockReason).HasMaxLength(CareUser.BlockReasonMaxLength);
        user.HasOne<CareUser>().WithMany().HasForeignKey(u => u.BlockedById).OnDelete(DeleteBehavior.Restrict);
        user.HasIndex(u => u.CustomerSince);
        user.HasIndex(u => u.BlockedAt);
    }
}
