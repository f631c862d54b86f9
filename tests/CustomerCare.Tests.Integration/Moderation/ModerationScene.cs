using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Moderation;

/// <summary>
/// People, posts and replies the moderation tests make through the portal's own services, and what they read back:
/// the rows behind a report, a hide, a hold or a block, and the events on the post's and the queue's topics.
/// </summary>
internal sealed class ModerationScene(PortalFactory portal) : IDisposable
{
    private LiveEventRecorder? recorder;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public IDbContextFactory<CareDb> Dbs => Get<IDbContextFactory<CareDb>>();

    public T Get<T>()
        where T : notnull => portal.Services.GetRequiredService<T>();

    /// <summary>An established person (confirmed address, with us for years): nothing they write waits.</summary>
    public Task<TestPerson> PersonAsync(string role) => portal.AddPersonAsync(role, ct: Ct);

    /// <summary>A customer who registered today: what they write may wait for approval.</summary>
    public async Task<TestPerson> NewCustomerAsync()
    {
        var person = await PersonAsync(Roles.Customer);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        await db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CustomerSince, DateTime.UtcNow), Ct);
        return person;
    }

    /// <summary>The one who asks in a matrix row; "author" is <paramref name="author"/>, "customer" another customer.</summary>
    public async Task<Viewer> WhoAsync(string who, TestPerson author) => who switch
    {
        "visitor" => Viewer.Anonymous,
        "author" => author.Viewer,
        "customer" => (await PersonAsync(Roles.Customer)).Viewer,
        _ => (await PersonAsync(who)).Viewer,
    };

    public Task<int> IdeaAsync(TestPerson author, string? body = null) => portal.ProposeIdeaAsync(author, body: body, ct: Ct);

    public Task<int> ComplaintAsync(TestPerson author, bool isPublic = false) => portal.FileComplaintAsync(author, isPublic: isPublic, ct: Ct);

    public async Task<ReplyView> ReplyAsync(int postId, TestPerson author, string? body = null, bool internalNote = false)
    {
        var result = await Get<ThreadService>().ReplyAsync(postId, null, body ?? $"A reply {Guid.NewGuid():N}", internalNote, author.Viewer, Ct);
        Assert.True(result.Succeeded, $"The reply was not posted: {result.Outcome}.");
        return result.Reply!;
    }

    public Task<PostDetails?> ReadAsync(int postId, Viewer viewer) => Get<PostService>().GetAsync(postId, viewer, Ct);

    /// <summary>Records what arrives on the posts' public and staff topics and on the moderation queue's topic.</summary>
    public List<LiveEvent> Listen(int postId) =>
        (recorder ??= new(Get<ILiveBus>())).ListenTo(LiveTopics.Post(postId), LiveTopics.PostStaff(postId), LiveTopics.Moderation);

    public async Task<List<Report>> ReportsAsync(int postId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.Reports.AsNoTracking().Where(r => r.PostId == postId).OrderBy(r => r.Id).ToListAsync(Ct);
    }

    public async Task<List<AuditEntry>> AuditAsync(int postId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.AuditEntries.AsNoTracking().Where(a => a.PostId == postId).OrderBy(a => a.Id).ToListAsync(Ct);
    }

    public async Task<Reply> ReplyRowAsync(long replyId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.Replies.AsNoTracking().SingleAsync(r => r.Id == replyId, Ct);
    }

    public async Task<Post> PostRowAsync(int postId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.Posts.AsNoTracking().SingleAsync(p => p.Id == postId, Ct);
    }

    public async Task<CareUser> PersonRowAsync(string userId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, Ct);
    }

    public void Dispose() => recorder?.Dispose();
}
