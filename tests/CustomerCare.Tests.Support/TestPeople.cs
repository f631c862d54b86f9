using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CustomerCare.Tests.Support;

/// <summary>Someone a test made for itself; signs in with <see cref="Email"/> and <see cref="Password"/>.</summary>
public sealed record TestPerson(string Id, string Email, string Password, string DisplayName, string Role)
{
    public Viewer Viewer => new(Id, IsStaff: Role == Roles.Staff, IsProductOwner: Role == Roles.ProductOwner, IsAdmin: Role == Roles.Admin);
}

/// <summary>
/// People and posts a test makes for itself, so that it needs no demo content and disturbs nobody else's: through the
/// portal's own services when the portal runs in the test's process (<see cref="PortalFactory"/>), straight into the
/// database when it runs as a process of its own (the two-server tests).
/// </summary>
public static class TestPeople
{
    public const string Password = "Tested!2345";

    /// <summary>A person with a confirmed address of their own and one role, made by the portal's UserManager.</summary>
    public static async Task<TestPerson> AddPersonAsync(
        this PortalFactory portal, string role, string? name = null, string? jobTitle = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(portal);
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        var user = NewUser(role, name, jobTitle);
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var inRole = await users.AddToRoleAsync(user, role);
        Assert.True(inRole.Succeeded, string.Join("; ", inRole.Errors.Select(e => e.Description)));
        return new(user.Id, user.Email!, Password, user.DisplayName, role);
    }

    /// <summary>The same person written into a database that a portal in another process reads.</summary>
    public static async Task<TestPerson> AddPersonAsync(
        this CareDb db, string role, string? name = null, string? jobTitle = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var user = NewUser(role, name, jobTitle);
        user.NormalizedUserName = user.UserName!.ToUpperInvariant();
        user.NormalizedEmail = user.Email!.ToUpperInvariant();
        user.SecurityStamp = Guid.NewGuid().ToString();
        user.PasswordHash = new PasswordHasher<CareUser>().HashPassword(user, Password);
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = RoleId(role) });
        await db.SaveChangesAsync(ct);
        return new(user.Id, user.Email, Password, user.DisplayName, role);
    }

    /// <summary>An open idea proposed by <paramref name="author"/> through the portal's IdeaService (saved and announced).</summary>
    public static async Task<int> ProposeIdeaAsync(
        this PortalFactory portal, TestPerson author, string? title = null, string? body = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(portal);
        ArgumentNullException.ThrowIfNull(author);
        var result = await portal.Services.GetRequiredService<IdeaService>()
            .ProposeAsync(new ProposeIdea(title ?? UniqueTitle("Idea"), body ?? "Proposed by a test.", null), author.Viewer, ct);
        Assert.True(result.Outcome == ProposeOutcome.Created, $"The idea was not created: {result.Outcome}.");
        return result.PostId!.Value;
    }

    /// <summary>A complaint filed by <paramref name="author"/> through the portal's ComplaintService (owned at once, announced).</summary>
    public static async Task<int> FileComplaintAsync(
        this PortalFactory portal, TestPerson author, string? title = null, ComplaintMood mood = ComplaintMood.Disappointed,
        bool isPublic = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(portal);
        ArgumentNullException.ThrowIfNull(author);
        var result = await portal.Services.GetRequiredService<ComplaintService>()
            .FileAsync(new FileComplaint(title ?? UniqueTitle("Complaint"), "Filed by a test.", mood, null, isPublic), author.Viewer, ct);
        Assert.True(result.Outcome == ProposeOutcome.Created, $"The complaint was not filed: {result.Outcome}.");
        return result.PostId!.Value;
    }

    /// <summary>An open idea written into a database that a portal in another process reads.</summary>
    public static async Task<Post> AddIdeaAsync(this CareDb db, TestPerson author, string? title = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(author);
        var now = DateTime.UtcNow;
        var idea = new Post
        {
            Kind = PostKind.Idea,
            Title = title ?? UniqueTitle("Idea"),
            Body = "Proposed by a test.",
            AuthorId = author.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Posts.Add(idea);
        await db.SaveChangesAsync(ct);
        return idea;
    }

    /// <summary>A title no other test and no demo post has.</summary>
    public static string UniqueTitle(string start) => $"{start} {Guid.NewGuid().ToString("N")[..10]}";

    private static CareUser NewUser(string role, string? name, string? jobTitle)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.example";
        return new CareUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name ?? $"Test {role} {email[(role.Length + 1)..(role.Length + 7)]}",
            JobTitle = jobTitle,
            CustomerSince = DateTime.UtcNow.AddYears(-3),
        };
    }

    private static string RoleId(string role) => role switch
    {
        Roles.Customer => Roles.CustomerId,
        Roles.Staff => Roles.StaffId,
        Roles.ProductOwner => Roles.ProductOwnerId,
        Roles.Admin => Roles.AdminId,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a portal role."),
    };
}
