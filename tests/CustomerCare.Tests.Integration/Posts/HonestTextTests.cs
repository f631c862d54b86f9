using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Posts;

/// <summary>
/// Every service that stores text stores what shows (TextRules): nothing invisible passes for a title or a body, bidi
/// controls and NUL are gone, the text is NFC, and the limits count what is kept.
/// </summary>
public abstract class HonestTextTests(PortalFactory portal)
{
    private const string ZeroWidth = "\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B";

    private readonly TestContent content = new(portal);

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Invisible() => [ZeroWidth, "\u2060\u2060\u2060\u2060\u2060", "\u3164\u3164\u3164\u3164\u3164", "\uFEFF\u180E\u200D\u200C\u2800\u115F"];

    [Theory]
    [MemberData(nameof(Invisible))]
    public async Task A_title_or_body_of_only_invisible_characters_is_refused_with_the_message_for_an_empty_one(string invisible)
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideas = portal.Services.GetRequiredService<IdeaService>();

        var title = await ideas.ProposeAsync(new ProposeIdea(invisible, "A body that shows.", null), customer, Ct);
        var body = await ideas.ProposeAsync(new ProposeIdea("A title that shows", invisible, null), customer, Ct);
        var complaint = await portal.Services.GetRequiredService<ComplaintService>()
            .FileAsync(new FileComplaint(invisible, invisible, ComplaintMood.Angry, null, false), customer, Ct);

        Assert.Equal(PostErrors.TitleLength, title.Errors[nameof(Post.Title)]);
        Assert.Equal(PostErrors.BodyRequired, body.Errors[nameof(Post.Body)]);
        Assert.Equal((PostErrors.TitleLength, PostErrors.BodyRequired), (complaint.Errors[nameof(Post.Title)], complaint.Errors[nameof(Post.Body)]));
        Assert.False(await Any(db => db.Posts.Where(p => p.AuthorId == customer.UserId)));
    }

    [Fact]
    public async Task A_reply_of_only_invisible_characters_is_refused_as_empty()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, customer.UserId!, Ct);

        var result = await portal.Services.GetRequiredService<ThreadService>().ReplyAsync(ideaId, null, ZeroWidth + "\u3164\n\t", false, customer, Ct);

        Assert.Equal(ThreadOutcome.Empty, result.Outcome);
        Assert.False(await Any(db => db.Replies.Where(r => r.PostId == ideaId)));
    }

    [Fact]
    public async Task An_idea_is_stored_without_bidi_controls_or_NUL_and_in_NFC()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);

        var result = await portal.Services.GetRequiredService<IdeaService>().ProposeAsync(
            new ProposeIdea("\u200B Rechnung fu\u0308r \u202Efdp.exe\0 ", "Zeile\0 eins\r\nZeile \u2066zwei\u2069\u0007", null), customer, Ct);

        var idea = await PostAsync(result.PostId!.Value);
        Assert.Equal(("Rechnung für fdp.exe", "Zeile eins\nZeile zwei"), (idea.Title, idea.Body));
    }

    [Fact]
    public async Task A_complaint_its_reference_and_a_reply_are_stored_as_they_show()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var filed = await portal.Services.GetRequiredService<ComplaintService>().FileAsync(
            new FileComplaint("Za\u0308hler \u202Ekaputt", "Seit Mai\0.", ComplaintMood.Angry, " R-42\u202E\u0000 ", false), customer, Ct);
        var reply = await portal.Services.GetRequiredService<ThreadService>()
            .ReplyAsync(filed.PostId!.Value, null, "\u202Eblo\u0308d\0", false, customer, Ct);

        var complaint = await PostAsync(filed.PostId!.Value);
        Assert.Equal(("Zähler kaputt", "Seit Mai.", "R-42"), (complaint.Title, complaint.Body, complaint.Reference));
        Assert.Equal("blöd", reply.Reply!.Body);
        Assert.Equal("blöd", await One(db => db.Replies.Where(r => r.Id == reply.Reply.Id).Select(r => r.Body)));
    }

    [Fact]
    public async Task Notes_and_reasons_of_staff_are_stored_as_they_show_and_a_reason_of_nothing_is_no_reason()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, customer.UserId!, Ct);
        var otherId = await content.AddPostAsync(PostKind.Idea, customer.UserId!, Ct);
        var decisions = portal.Services.GetRequiredService<StatusDecisionService>();
        var moderation = portal.Services.GetRequiredService<ModerationService>();

        var declined = await decisions.ChangeStatusAsync(ideaId, PostStatus.Declined, "Nicht in diesem Jahr\u202E\0", null, owner, Ct);
        var noReason = await decisions.ChangeStatusAsync(otherId, PostStatus.Declined, ZeroWidth, null, owner, Ct);
        var removed = await moderation.RemoveAsync(otherId, "Spa\u0308m\u2066", owner, Ct);
        var removedForNothing = await moderation.RemoveAsync(ideaId, ZeroWidth, owner, Ct);

        Assert.Equal((StatusChangeOutcome.Changed, StatusChangeOutcome.ReasonRequired), (declined.Outcome, noReason.Outcome));
        Assert.Equal((ModerationOutcome.Done, ModerationOutcome.ReasonRequired), (removed.Outcome, removedForNothing.Outcome));
        Assert.Equal("Nicht in diesem Jahr", await One(db => db.StatusChanges.Where(s => s.PostId == ideaId).Select(s => s.Note)));
        Assert.Equal("Späm", (await PostAsync(otherId)).RemovalReason);
    }

    [Fact]
    public async Task Limits_count_the_text_as_stored_in_UTF16_code_units()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideas = portal.Services.GetRequiredService<IdeaService>();
        // 120 "é" written as e + combining accent are 240 units typed, 120 stored; 5,000 emoji are 10,000 units.
        var decomposedTitle = string.Concat(Enumerable.Repeat("e\u0301", Post.TitleMaxLength));
        var emoji = string.Concat(Enumerable.Repeat("😀", Post.BodyMaxLength / 2));

        var fits = await ideas.ProposeAsync(new ProposeIdea(decomposedTitle, emoji, null), customer, Ct);
        var tooLong = await ideas.ProposeAsync(new ProposeIdea("One emoji too many", emoji + "😀", null), customer, Ct);

        Assert.Equal(ProposeOutcome.Created, fits.Outcome);
        var idea = await PostAsync(fits.PostId!.Value);
        Assert.Equal((Post.TitleMaxLength, Post.BodyMaxLength), (idea.Title.Length, idea.Body.Length));
        Assert.Equal(PostErrors.BodyTooLong, tooLong.Errors[nameof(Post.Body)]);
    }

    private async Task<Post> PostAsync(int id)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.Posts.AsNoTracking().SingleAsync(p => p.Id == id, Ct);
    }

    private async Task<bool> Any<T>(Func<CareDb, IQueryable<T>> rows)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await rows(db).AnyAsync(Ct);
    }

    private async Task<T> One<T>(Func<CareDb, IQueryable<T>> rows)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await rows(db).SingleAsync(Ct);
    }
}

public sealed class SqliteHonestTextTests(EmptyPortalFactory portal) : HonestTextTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresHonestTextTests(EmptyPostgresPortalFactory portal) : HonestTextTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
