using CustomerCare.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Data.Seeding;

/// <summary>Demo data of a fictional company; runs only in Development or with Demo:Seed=true.</summary>
public sealed partial class DemoSeeder(IDbContextFactory<CareDb> dbs, IPasswordHasher<CareUser> hasher, TimeProvider time)
{
    /// <summary>Returns false when the demo data is already there (seeding is idempotent).</summary>
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Users.AnyAsync(ct))
        {
            return false;
        }

        // Whole seconds: PostgreSQL would round ticks to microseconds, and a demo needs no finer times.
        var now = time.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));

        var people = CreatePeople(now);
        db.Users.AddRange(people.Values);
        db.UserRoles.AddRange(DemoContent.People.Select(p => new IdentityUserRole<string> { UserId = people[p.Key].Id, RoleId = RoleId(p.Role) }));

        var voters = DemoContent.People.Where(p => p.Role == Roles.Customer).Select(p => people[p.Key]).ToArray();
        var categories = await db.Categories.ToDictionaryAsync(c => c.Slug, c => c.Id, ct);
        db.Posts.AddRange(DemoContent.Posts.Select((post, index) => CreatePost(post, index, people, voters, categories, now)));

        // One SaveChanges is one transaction: either the whole demo company exists or none of it.
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two servers starting at once against one database: the unique user names let one win.
            await using var check = await dbs.CreateDbContextAsync(ct);
            if (!await check.Users.AnyAsync(ct))
            {
                throw;
            }

            return false;
        }

        await SeedThanksAsync(db, now, ct);
        await SeedHelpfulAsync(db, now, ct);
        return true;
    }

    private Dictionary<string, CareUser> CreatePeople(DateTime now)
    {
        var people = DemoContent.People.Select(p => new CareUser
        {
            Id = Guid.NewGuid().ToString(),
            UserName = p.Email,
            NormalizedUserName = p.Email.ToUpperInvariant(),
            Email = p.Email,
            NormalizedEmail = p.Email.ToUpperInvariant(),
            EmailConfirmed = true,
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString(),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            DisplayName = p.DisplayName,
            AvatarUrl = p.Avatar,
            JobTitle = p.JobTitle,
            CustomerSince = now.AddMonths(-p.MonthsWithUs),
        }).ToArray();

        // Only the documented accounts get a password: the other people are characters of the demo,
        // and hashing is deliberately slow (~60 ms each), which every start and every test portal would pay.
        var accounts = people.Join(DemoAccounts.All, u => u.Email, a => a.Email, (user, account) => (user, account.Password)).ToArray();
        Parallel.ForEach(accounts, a => a.user.PasswordHash = hasher.HashPassword(a.user, a.Password));
        return DemoContent.People.Zip(people).ToDictionary(pair => pair.First.Key, pair => pair.Second);
    }

    private static string RoleId(string role) => role switch
    {
        Roles.Customer => Roles.CustomerId,
        Roles.Staff => Roles.StaffId,
        Roles.ProductOwner => Roles.ProductOwnerId,
        Roles.Admin => Roles.AdminId,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a portal role."),
    };

    private static Post CreatePost(
        DemoPost demo, int index, Dictionary<string, CareUser> people, CareUser[] voters, Dictionary<string, int> categories, DateTime now)
    {
        DateTime At(double daysAgo) => now.AddSeconds(-Math.Round(daysAgo * 86_400));

        var created = At(demo.DaysAgo);
        var post = new Post
        {
            Kind = demo.Kind,
            Title = demo.Title,
            Body = demo.Body,
            AuthorId = people[demo.By].Id,
            CreatedAt = created,
            UpdatedAt = created,
            Status = demo.Status,
            IsPublic = demo.IsPublic,
            Mood = demo.Mood,
            CategoryId = demo.Category is { } slug ? categories[slug] : null,
            ShippedIn = demo.Status == PostStatus.Shipped ? demo.Steps[^1].ShippedIn : null,
        };

        if (demo.Owner is { } owner)
        {
            // As ComplaintService.FileAsync does: the first assignment, by the portal (no ById), when it is filed.
            post.OwnerId = people[owner].Id;
            post.Handovers.Add(new ComplaintHandover { PostId = 0, ToOwnerId = post.OwnerId, At = created });
        }

        var from = PostStatus.Open;
        foreach (var step in demo.Steps)
        {
            post.StatusChanges.Add(new StatusChange { PostId = 0, From = from, To = step.To, ChangedById = people[step.By].Id, Note = step.Note, ChangedAt = At(step.DaysAgo) });
            from = step.To;
        }

        foreach (var demoReply in demo.Replies)
        {
            var reply = CreateReply(demoReply, null);
            post.Replies.Add(reply);
            post.Replies.AddRange(demoReply.Answers.Select(answer => CreateReply(answer, reply)));
        }

        // Votes close when an idea is shipped or declined, as in the portal.
        var votingEnds = demo.Status is PostStatus.Shipped or PostStatus.Declined ? At(demo.Steps[^1].DaysAgo) : now;
        var eligible = voters.Where(v => v.Id != post.AuthorId && v.CustomerSince < votingEnds).ToArray();
        for (var i = 0; i < Math.Min(demo.Votes, eligible.Length); i++)
        {
            // A different slice of the customers for every idea, so everyone has voted for something.
            var voter = eligible[((index * 5) + i) % eligible.Length];
            var opens = voter.CustomerSince > created ? voter.CustomerSince : created;
            var share = ((i * 0.37) + (index * 0.11) + 0.05) % 1;
            post.Votes.Add(new Vote { PostId = 0, UserId = voter.Id, CreatedAt = opens.AddSeconds(Math.Floor((votingEnds - opens).TotalSeconds * share)) });
        }

        var visible = post.Replies.Where(r => !r.IsInternalNote).ToList();
        post.VoteCount = post.Votes.Count;
        var bands = post.Votes.Select(v => Post.VoterBand(voters.First(u => u.Id == v.UserId).CustomerSince, v.CreatedAt)).ToList();
        (post.LoyalVoteCount, post.NewcomerVoteCount) = (bands.Sum(b => b.Loyal), bands.Sum(b => b.Newcomer));
        post.ReplyCount = visible.Count;
        post.TrendWeight = post.Votes.Select(v => v.CreatedAt).Concat(visible.Select(r => r.CreatedAt)).Sum(Post.TrendWeightAt);
        post.UpdatedAt = visible.Select(r => r.CreatedAt).Concat(post.StatusChanges.Select(s => s.ChangedAt)).Append(created).Max();
        return post;

        Reply CreateReply(DemoReply r, Reply? parent) => new()
        {
            PostId = 0,
            ParentReply = parent,
            AuthorId = people[r.By].Id,
            Body = r.Body,
            CreatedAt = At(r.DaysAgo),
            EditedAt = r.EditedDaysAgo is { } edited ? At(edited) : null,
            IsInternalNote = r.Internal,
        };
    }
}
