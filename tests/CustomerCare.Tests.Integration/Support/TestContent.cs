using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Support;

/// <summary>
/// People and posts each test makes for itself, straight through the database, so the tests do not
/// depend on (or disturb) the demo content.
/// </summary>
internal sealed class TestContent(PortalFactory portal)
{
    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    // A day ahead, so a test's posts top the newest-first lists whatever the demo content holds.
    private DateTime Now => portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddDays(1);

    public static Viewer ViewerFor(string role, string userId) => role switch
    {
        Roles.Customer => new Viewer(userId, IsStaff: false, IsProductOwner: false, IsAdmin: false),
        Roles.Staff => new Viewer(userId, IsStaff: true, IsProductOwner: false, IsAdmin: false),
        Roles.ProductOwner => new Viewer(userId, IsStaff: false, IsProductOwner: true, IsAdmin: false),
        Roles.Admin => new Viewer(userId, IsStaff: false, IsProductOwner: false, IsAdmin: true),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public async Task<Viewer> AddPersonAsync(string role, CancellationToken ct) =>
        ViewerFor(role, (await AddUsersAsync(1, role, ct))[0]);

    public async Task<IReadOnlyList<string>> AddUsersAsync(int count, string role, CancellationToken ct)
    {
        var roleId = (await RoleIdsAsync(ct))[role];
        await using var db = await Dbs.CreateDbContextAsync(ct);
        var users = Enumerable.Range(0, count).Select(_ => NewUser()).ToList();
        db.Users.AddRange(users);
        db.UserRoles.AddRange(users.Select(u => new IdentityUserRole<string> { UserId = u.Id, RoleId = roleId }));
        await db.SaveChangesAsync(ct);
        return [.. users.Select(u => u.Id)];
    }

    public async Task<int> AddPostAsync(
        PostKind kind, string authorId, CancellationToken ct, bool isPublic = true, PostStatus status = PostStatus.Open)
    {
        await using var db = await Dbs.CreateDbContextAsync(ct);
        var post = new Post
        {
            Kind = kind,
            Title = $"{kind} {Guid.NewGuid():N}",
            Body = $"Written by a test for {kind}.",
            AuthorId = authorId,
            CreatedAt = Now,
            UpdatedAt = Now,
            IsPublic = isPublic,
            Status = status,
        };
        db.Posts.Add(post);
        await db.SaveChangesAsync(ct);
        return post.Id;
    }

    public async Task AddReplyAsync(int postId, string authorId, string body, bool internalNote, CancellationToken ct)
    {
        await using var db = await Dbs.CreateDbContextAsync(ct);
        db.Replies.Add(new Reply { PostId = postId, AuthorId = authorId, Body = body, CreatedAt = Now, IsInternalNote = internalNote });
        await db.SaveChangesAsync(ct);
    }

    public async Task SetStatusAsync(int postId, PostStatus status, CancellationToken ct)
    {
        await using var db = await Dbs.CreateDbContextAsync(ct);
        await db.Posts.Where(p => p.Id == postId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, status), ct);
    }

    /// <summary>The counter on the post and the rows that are the truth behind it.</summary>
    public async Task<(int VoteCount, int VoteRows)> VotesAsync(int postId, CancellationToken ct)
    {
        await using var db = await Dbs.CreateDbContextAsync(ct);
        var count = await db.Posts.Where(p => p.Id == postId).Select(p => p.VoteCount).SingleAsync(ct);
        var rows = await db.Votes.CountAsync(v => v.PostId == postId, ct);
        return (count, rows);
    }

    private async Task<Dictionary<string, string>> RoleIdsAsync(CancellationToken ct)
    {
        await using var db = await Dbs.CreateDbContextAsync(ct);
        return await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
    }

    private CareUser NewUser()
    {
        var name = $"test-{Guid.NewGuid():N}@example.test";
        return new CareUser
        {
            UserName = name,
            NormalizedUserName = name.ToUpperInvariant(),
            Email = name,
            NormalizedEmail = name.ToUpperInvariant(),
            DisplayName = "Test person",
            CustomerSince = Now.AddDays(-30),
        };
    }
}
