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

    /// <summary>The demo's answers keep AnswerService's rules: some ideas have one, each a visible customer's reply on that idea, accepted by its author.</summary>
    public static async Task AssertAnswersKeepTheRulesAsync(IDbContextFactory<CareDb> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var staff = db.StaffUserIds;
        var answers = await db.Posts.Where(p => p.AnswerId != null)
            .Select(p => new
            {
                p.Title, p.IsPublic, ByAuthor = p.AnswerMarkedById == p.AuthorId, OnThisPost = p.Answer!.PostId == p.Id, p.Answer.IsInternalNote,
                Visible = p.Answer.HeldAt == null && p.Answer.HiddenAt == null, OwnReply = p.Answer.AuthorId == p.AuthorId,
                ByStaff = staff.Contains(p.Answer.AuthorId),
            })
            .ToListAsync(ct);

        Assert.NotEmpty(answers);
        Assert.All(answers, a => Assert.True(a is { IsPublic: true, ByAuthor: true, OnThisPost: true, IsInternalNote: false, Visible: true, OwnReply: false, ByStaff: false },
            $"The answer of \"{a.Title}\" breaks a rule: {a}"));
    }

    /// <summary>
    /// "A named person takes care of it": every complaint the team has touched (answered, moved on, escalated) has an
    /// owner; the handovers lead to that owner; and a history line saying who takes care names the owner of that moment.
    /// </summary>
    public static async Task AssertComplaintOwnersKeepTheirPromiseAsync(IDbContextFactory<CareDb> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var staffIds = db.UserRoles.Where(r => Roles.StaffRoleIds.Contains(r.RoleId)).Select(r => r.UserId);
        var staff = await db.Users.Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var complaints = await db.Posts.AsNoTracking().Where(p => p.Kind == PostKind.Complaint)
            .Include(p => p.Handovers).Include(p => p.StatusChanges).Include(p => p.Replies).ToListAsync(ct);

        Assert.NotEmpty(complaints);
        Assert.All(complaints, complaint =>
        {
            var answered = complaint.Replies.Any(r => !r.IsInternalNote && staff.ContainsKey(r.AuthorId));
            if (complaint.Status != PostStatus.Open || answered || complaint.EscalatedAt is not null)
            {
                Assert.True(complaint.OwnerId is not null, $"\"{complaint.Title}\" is past triage, answered or escalated, but nobody owns it.");
            }

            if (complaint.OwnerId is not null)
            {
                Assert.True(staff.ContainsKey(complaint.OwnerId), $"\"{complaint.Title}\" is owned by someone who does not work here.");
            }

            string? holder = null;
            foreach (var handover in complaint.Handovers.OrderBy(h => h.At).ThenBy(h => h.Id))
            {
                Assert.True(handover.FromOwnerId == holder, $"A handover of \"{complaint.Title}\" starts from someone who did not own it.");
                holder = handover.ToOwnerId;
            }

            Assert.True(holder == complaint.OwnerId, $"The handovers of \"{complaint.Title}\" do not end at its owner.");

            foreach (var change in complaint.StatusChanges.Where(c => SaysWhoTakesCare(c.Note)))
            {
                var named = staff.Where(s => change.Note!.Contains(s.Value, StringComparison.Ordinal)).Select(s => s.Key).ToList();
                var ownerThen = complaint.Handovers.Where(h => h.At <= change.ChangedAt).MaxBy(h => h.At)?.ToOwnerId;
                Assert.True(named.Count == 1 && named[0] == ownerThen && change.ChangedById == ownerThen,
                    $"\"{complaint.Title}\" says \"{change.Note}\" but {(ownerThen is null ? "nobody" : staff[ownerThen])} owned it then.");
            }
        });
    }

    private static bool SaysWhoTakesCare(string? note) =>
        note is not null && (note.Contains("taking care", StringComparison.OrdinalIgnoreCase) || note.Contains("kümmert sich", StringComparison.OrdinalIgnoreCase));

    public static async Task<int> CountRowsAsync(IDbContextFactory<CareDb> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Users.CountAsync(ct) + await db.UserRoles.CountAsync(ct) + await db.Posts.CountAsync(ct)
            + await db.Votes.CountAsync(ct) + await db.Replies.CountAsync(ct) + await db.StatusChanges.CountAsync(ct)
            + await db.ComplaintHandovers.CountAsync(ct);
    }
}
