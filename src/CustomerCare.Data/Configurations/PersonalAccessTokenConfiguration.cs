using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> token)
    {
        token.Property(t => t.UserId).HasMaxLength(450);
        token.Property(t => t.Name).HasMaxLength(PersonalAccessToken.NameMaxLength);
        token.Property(t => t.Prefix).HasMaxLength(PersonalAccessToken.PrefixLength);
        token.Property(t => t.Hash).HasMaxLength(PersonalAccessToken.HashLength);
        token.Property(t => t.Scope).HasConversion<string>().HasMaxLength(16);
        token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);

        // Every API request finds its token by the hash; the account page lists one person's.
        token.HasIndex(t => t.Hash).IsUnique();
        token.HasIndex(t => t.UserId);
    }
}
