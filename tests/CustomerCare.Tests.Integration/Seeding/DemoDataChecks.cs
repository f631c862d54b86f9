using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Seeding;

/// <summary>What must hold for the demo data on every database: shared by the SQLite and PostgreSQL tests.</summary>
internal static class DemoDataChecks
{
    public static async Task AssertEveryDemoAccountSignsInAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<CareUser>>();
        Assert.Equal(Roles.All.Order(), DemoAccounts.All.Select(a => a.Role).Order());
        foreach (var account in DemoAccounts.All)
        {
            ct.ThrowIfCancellationRequested();
            var user = await users.FindByEmailAsync(account.Email);

            Assert.NotNull(user);
            Assert.Equal(account.DisplayName, user.DisplayName);
            Assert.True(await users.IsInRoleAsync(user, account.Role), $"{account.Email} should be in role {account.Role}.");
            Assert.True(await users.CheckPasswordAsync(user, account.Password), $"{account.Email} should accept its demo password.");
            Assert.True((await signIn.CheckPasswordSignInAsync(user, account.Password, lockoutOnFailure: false)).Succeeded, $"{account.Email} should be allowed to sign in.");
        }
    }

    public static async Task AssertCountersMatchRowsAsync(IDbContextFactory<CareDb> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var posts = await db.Posts
            .Select(p => new
            {
                p.Title,
                p.VoteCount,
                p.ReplyCount,
                Votes = db.Votes.Count(v => v.PostId == p.Id),
                Replies = db.Replies.Count(r => r.PostId == p.Id && !r.IsInternalNote),
            })
            .ToListAsync(ct);

        Assert.NotEmpty(posts);
        Assert.All(posts, p =>
        {
            Assert.True(p.VoteCount == p.Votes, $"\"{p.Title}\" says {p.VoteCount} votes but has {p.Votes} vote rows.");
            Assert.True(p.ReplyCount == p.Replies, $"\"{p.Title}\" says {p.ReplyCount} replies but has {p.Replies} public replies.");
        });
    }

    public static async Task<int> CountRowsAsync(IDbContextFactory<CareDb> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Users.CountAsync(ct) + await db.UserRoles.CountAsync(ct) + await db.Posts.CountAsync(ct)
            + await db.Votes.CountAsync(ct) + await db.Replies.CountAsync(ct) + await db.StatusChanges.CountAsync(ct);
    }
}
