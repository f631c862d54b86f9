using CustomerCare.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

/// <summary>The four roles exist in every database from its first migration, demo data or not.</summary>
internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> role) => role.HasData(
        Role(Roles.CustomerId, Roles.Customer),
        Role(Roles.StaffId, Roles.Staff),
        Role(Roles.ProductOwnerId, Roles.ProductOwner),
        Role(Roles.AdminId, Roles.Admin));

    private static IdentityRole Role(string id, string name) => new(name)
    {
        Id = id,
        NormalizedName = name.ToUpperInvariant(),
        ConcurrencyStamp = id,
    };
}
