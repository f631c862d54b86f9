using CustomerCare.Data;
using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.PersonalData;

/// <summary>
/// The one account an anonymized complaint and its customer's replies point to, since a post needs an author. It is no
/// person: no e-mail address, no password, no role, locked out for good, so nobody can sign in as it or be mailed as
/// it. Made by the retention job the first time it anonymizes, under a fixed id, so every server finds the same row.
/// </summary>
public static class FormerCustomer
{
    public const string Id = "former-customer";

    public const string DisplayName = CareUser.FormerCustomerName;

    public static async Task EnsureAsync(IDbContextFactory<CareDb> dbs, DateTime now, CancellationToken ct)
    {
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (await db.Users.AnyAsync(u => u.Id == Id, ct))
            {
                return;
            }

            db.Users.Add(new CareUser
            {
                Id = Id,
                UserName = Id,
                NormalizedUserName = Id.ToUpperInvariant(),
                DisplayName = DisplayName,
                CustomerSince = now,
                DeletedAt = now,
                LockoutEnabled = true,
                LockoutEnd = DateTimeOffset.MaxValue,
                SecurityStamp = Guid.NewGuid().ToString(),
            });
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException)
            {
                // Another server made it at the same moment: the check below says so; anything else is a real failure.
            }
        }

        await using var again = await dbs.CreateDbContextAsync(ct);
        if (!await again.Users.AnyAsync(u => u.Id == Id, ct))
        {
            throw new InvalidOperationException($"The placeholder account '{Id}' for anonymized complaints could not be created.");
        }
    }
}
