using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Threads;

/// <summary>Staff pin a public reply of the team on top; nobody else pins, and nothing private can be pinned.</summary>
public abstract class OfficialAnswerServiceTests(PortalFactory portal)
{
    private readonly TestContent content = new(portal);

    private OfficialAnswerService Answers => portal.Services.GetRequiredService<OfficialAnswerService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("anonymous", OfficialAnswerOutcome.NotAllowed)]
    [InlineData("customer", OfficialAnswerOutcome.NotAllowed)]
    [InlineData("author", OfficialAnswerOutcome.NotAllowed)]
    [InlineData(Roles.Staff, OfficialAnswerOutcome.Pinned)]
    [InlineData(Roles.ProductOwner, OfficialAnswerOutcome.Pinned)]
    [InlineData(Roles.Admin, OfficialAnswerOutcome.Pinned)]
    public async Task Only_people_who_work_here_pin_an_official_answer(string who, OfficialAnswerOutcome expected)
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var replyId = await AddReplyAsync(ideaId, staff.UserId!, internalNote: false);
        var viewer = who switch
        {
            "anonymous" => Viewer.Anonymous,
            "customer" => await content.AddPersonAsync(Roles.Customer, Ct),
            "author" => author,
            _ => await content.AddPersonAsync(who, Ct),
        };

        using var recorder = new LiveEventRecorder(portal.Services.GetRequiredService<ILiveBus>());
        var events = recorder.Listen(ideaId);

        var result = await Answers.PinAsync(ideaId, replyId, viewer, Ct);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(result.Succeeded ? [new OfficialAnswerChanged(ideaId, replyId, default)] : [], events.Select(e => (OfficialAnswerChanged)e with { OccurredAt = default }));
        Assert.Equal(result.Succeeded ? replyId : null, await PinnedAsync(ideaId));
        Assert.Equal(result.Succeeded ? replyId : null, (await Details(ideaId, author))!.OfficialAnswerId);
    }

    [Theory]
    [InlineData("anonymous", OfficialAnswerOutcome.NotAllowed)]
    [InlineData("customer", OfficialAnswerOutcome.NotAllowed)]
    [InlineData("author", OfficialAnswerOutcome.NotAllowed)]
    [InlineData(Roles.Staff, OfficialAnswerOutcome.Unpinned)]
    [InlineData(Roles.ProductOwner, OfficialAnswerOutcome.Unpinned)]
    [InlineData(Roles.Admin, OfficialAnswerOutcome.Unpinned)]
    public async Task Only_people_who_work_here_unpin_an_official_answer(string who, OfficialAnswerOutcome expected)
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var replyId = await AddReplyAsync(ideaId, staff.UserId!, internalNote: false);
        Assert.True((await Answers.PinAsync(ideaId, replyId, staff, Ct)).Succeeded);
        var viewer = who switch
        {
            "anonymous" => Viewer.Anonymous,
            "customer" => await content.AddPersonAsync(Roles.Customer, Ct),
            "author" => author,
            _ => await content.AddPersonAsync(who, Ct),
        };

        using var recorder = new LiveEventRecorder(portal.Services.GetRequiredService<ILiveBus>());
        var events = recorder.Listen(ideaId);

        var result = await Answers.UnpinAsync(ideaId, viewer, Ct);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(result.Succeeded ? [new OfficialAnswerChanged(ideaId, null, default)] : [], events.Select(e => (OfficialAnswerChanged)e with { OccurredAt = default }));
        Assert.Equal(result.Succeeded ? null : replyId, await PinnedAsync(ideaId));
    }

    [Fact]
    public async Task An_internal_note_or_a_customers_reply_cannot_be_pinned()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, customer.UserId!, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var noteId = await AddReplyAsync(ideaId, staff.UserId!, internalNote: true);
        var customerReplyId = await AddReplyAsync(ideaId, customer.UserId!, internalNote: false);

        Assert.Equal(OfficialAnswerOutcome.NotEligible, (await Answers.PinAsync(ideaId, noteId, staff, Ct)).Outcome);
        Assert.Equal(OfficialAnswerOutcome.NotEligible, (await Answers.PinAsync(ideaId, customerReplyId, staff, Ct)).Outcome);
        Assert.Null(await PinnedAsync(ideaId));
    }

    [Fact]
    public async Task A_reply_to_another_post_cannot_be_pinned()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, customer.UserId!, Ct);
        var otherId = await content.AddPostAsync(PostKind.Idea, customer.UserId!, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var elsewhereId = await AddReplyAsync(otherId, staff.UserId!, internalNote: false);

        Assert.Equal(OfficialAnswerOutcome.NotFound, (await Answers.PinAsync(ideaId, elsewhereId, staff, Ct)).Outcome);
        Assert.Null(await PinnedAsync(ideaId));
        Assert.Null(await PinnedAsync(otherId));
    }

    private Task<PostDetails?> Details(int postId, Viewer viewer) =>
        portal.Services.GetRequiredService<PostService>().GetAsync(postId, viewer, Ct);

    private async Task<long> AddReplyAsync(int postId, string authorId, bool internalNote)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        var reply = new Reply { PostId = postId, AuthorId = authorId, Body = "We are on it.", CreatedAt = DateTime.UtcNow, IsInternalNote = internalNote };
        db.Replies.Add(reply);
        await db.SaveChangesAsync(Ct);
        return reply.Id;
    }

    private async Task<long?> PinnedAsync(int postId)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        return await db.Posts.Where(p => p.Id == postId).Select(p => p.OfficialAnswerId).SingleAsync(Ct);
    }
}

public sealed class SqliteOfficialAnswerServiceTests(EmptyPortalFactory portal) : OfficialAnswerServiceTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresOfficialAnswerServiceTests(PostgresPortalFactory portal) : OfficialAnswerServiceTests(portal), IClassFixture<PostgresPortalFactory>;
