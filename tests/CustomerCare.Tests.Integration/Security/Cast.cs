using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Security;

/// <summary>Who asks, in the ASVS matrix's columns.</summary>
public enum Persona
{
    Visitor,
    Customer,
    AnotherCustomer,

    /// <summary>The customer who wrote the post or reply the case is about.</summary>
    Author,
    Staff,
    ProductOwner,
    Admin,
}

/// <summary>
/// One portal with a person for every <see cref="Persona"/> (each signs in with <see cref="TestPerson.Password"/>), and
/// fresh content for each case: an idea, a private complaint owned by <see cref="Persona.Staff"/>, replies, notes.
/// </summary>
public abstract class Cast(PortalFactory portal) : IAsyncDisposable
{
    private readonly Dictionary<Persona, TestPerson> people = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    public PortalFactory Portal => portal;

    public static IReadOnlyList<Persona> Everyone { get; } = Enum.GetValues<Persona>();

    public T Get<T>()
        where T : notnull => portal.Services.GetRequiredService<T>();

    public TestPerson Person(Persona persona) => people[persona];

    public Viewer Viewer(Persona persona) => persona == Persona.Visitor ? Web.Infrastructure.Viewer.Anonymous : people[persona].Viewer;

    public async Task EnsurePeopleAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (people.Count == 0)
            {
                await AddPeopleAsync(ct);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The matrix asks who may do something, not how often: every person here signs in, writes and reports hundreds of
    /// times from one address within a minute, so the rate limits (tested on their own) are set out of its way.
    /// </summary>
    protected static PortalFactory Unlimited(PortalFactory portal)
    {
        ArgumentNullException.ThrowIfNull(portal);
        foreach (var form in new[] { "SignIn", "Registration", "ForgotPassword", "ResendConfirmation", "Unsubscribe" })
        {
            portal.With($"RateLimits:{form}:PerAddress", "100000").With($"RateLimits:{form}:PerAccount", "100000");
        }

        foreach (var act in new[] { "Ideas", "Complaints", "Replies", "Votes", "Reports" })
        {
            portal.With($"RateLimits:{act}:NewAccount", "100000").With($"RateLimits:{act}:Customer", "100000").With($"RateLimits:{act}:Staff", "100000");
        }

        return portal;
    }

    public async ValueTask DisposeAsync()
    {
        await portal.DisposeAsync();
        gate.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task AddPeopleAsync(CancellationToken ct)
    {
        people[Persona.Customer] = await portal.AddPersonAsync(Roles.Customer, "Carla Kunde", ct: ct);
        people[Persona.AnotherCustomer] = await portal.AddPersonAsync(Roles.Customer, "Otto Anders", ct: ct);
        people[Persona.Author] = await portal.AddPersonAsync(Roles.Customer, "Alma Autorin", ct: ct);
        people[Persona.Staff] = await portal.AddPersonAsync(Roles.Staff, "Sven Service", "Customer Care", ct);
        people[Persona.ProductOwner] = await portal.AddPersonAsync(Roles.ProductOwner, "Paula Produkt", "Product", ct);
        people[Persona.Admin] = await portal.AddPersonAsync(Roles.Admin, "Adam Admin", "Team lead", ct);
    }

    /// <summary>A public idea by <see cref="Persona.Author"/>, in <paramref name="status"/>.</summary>
    public Task<int> IdeaAsync(PostStatus status = PostStatus.Open) =>
        AddPostAsync(PostKind.Idea, isPublic: true, status, ownerId: null, TimeSpan.Zero);

    /// <summary>
    /// A complaint by <see cref="Persona.Author"/> (private unless asked), owned by <see cref="Persona.Staff"/>, filed
    /// <paramref name="ago"/> before now.
    /// </summary>
    public Task<int> ComplaintAsync(bool isPublic = false, TimeSpan ago = default) =>
        AddPostAsync(PostKind.Complaint, isPublic, PostStatus.Open, Person(Persona.Staff).Id, ago);

    /// <summary>A reply on <paramref name="postId"/> by <paramref name="by"/>, written <paramref name="ago"/> before now.</summary>
    public async Task<long> ReplyAsync(int postId, Persona by, bool internalNote = false, TimeSpan ago = default)
    {
        await using var db = await DbAsync();
        var reply = new Reply
        {
            PostId = postId, AuthorId = Person(by).Id, Body = $"Reply by {by}", CreatedAt = DateTime.UtcNow - ago, IsInternalNote = internalNote,
        };
        db.Replies.Add(reply);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return reply.Id;
    }

    /// <summary>An unread notification for <see cref="Persona.Author"/> about <paramref name="postId"/>.</summary>
    public async Task<long> NotificationAsync(int postId)
    {
        await using var db = await DbAsync();
        var notification = new Notification
        {
            UserId = Person(Persona.Author).Id, Kind = NotificationKind.Reply, PostId = postId, CreatedAt = DateTime.UtcNow,
        };
        db.Notifications.Add(notification);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return notification.Id;
    }

    /// <summary>A described picture by <paramref name="by"/> on <paramref name="postId"/>, or on its reply <paramref name="replyId"/>.</summary>
    public async Task<Guid> PictureAsync(int postId, long? replyId, Persona by)
    {
        var upload = await TestPictures.UploadAsync(portal.Services, ct: TestContext.Current.CancellationToken);
        var picture = upload.Picture;
        await using var db = await DbAsync();
        var row = new Picture
        {
            Id = Guid.CreateVersion7(), PostId = postId, ReplyId = replyId, UploaderId = Person(by).Id, ContentType = picture.ContentType,
            Width = picture.Width, Height = picture.Height, ThumbWidth = picture.ThumbWidth, ThumbHeight = picture.ThumbHeight,
            ByteLength = picture.Data.Length, AltText = upload.AltText, CreatedAt = DateTime.UtcNow, Data = picture.Data, ThumbnailData = picture.Thumbnail,
        };
        db.Pictures.Add(row);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return row.Id;
    }

    public async Task<CareDb> DbAsync() =>
        await Get<IDbContextFactory<CareDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    private async Task<int> AddPostAsync(PostKind kind, bool isPublic, PostStatus status, string? ownerId, TimeSpan ago)
    {
        await using var db = await DbAsync();
        var now = DateTime.UtcNow - ago;
        var post = new Post
        {
            Kind = kind, Title = TestPeople.UniqueTitle(kind == PostKind.Idea ? "Matrix idea" : "Matrix complaint"), Body = "Written for the matrix.",
            AuthorId = Person(Persona.Author).Id, CreatedAt = now, UpdatedAt = now, Status = status, IsPublic = isPublic, OwnerId = ownerId,
            Mood = kind == PostKind.Complaint ? ComplaintMood.Angry : null,
        };
        db.Posts.Add(post);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return post.Id;
    }
}

/// <summary>The cast on SQLite, without demo data.</summary>
public sealed class SqliteCast() : Cast(Unlimited(new EmptyPortalFactory()));

/// <summary>The cast on PostgreSQL, without demo data.</summary>
public sealed class PostgresCast() : Cast(Unlimited(new EmptyPostgresPortalFactory()));
