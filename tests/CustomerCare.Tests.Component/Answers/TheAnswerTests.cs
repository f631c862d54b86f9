using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Answers;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Answers;

/// <summary>
/// "The answer" on the post page: the post's author is offered "Mark as the answer" on other people's replies (not on
/// their own), a visitor is offered nothing; once marked, the answer stands first with who chose it, a link from the top
/// of the page and a badge in its place, on this page by the click and on every other page by the live event.
/// </summary>
public sealed class TheAnswerTests : ComponentTestContext
{
    public TheAnswerTests()
    {
        Services.AddSingleton<StatusDecisionService>();
        UseDatabase();
    }

    private InMemoryLiveBus Bus => Services.GetRequiredService<InMemoryLiveBus>();

    [Fact]
    public async Task The_author_marks_another_customers_reply_and_it_stands_first_with_a_link_from_the_top()
    {
        var (askerId, _, ideaId, helperReply, ownReply) = await SeedThreadAsync();
        SignIn(askerId, Roles.Customer);
        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=reply-list]")));

        Assert.Empty(page.FindAll($"#reply-{ownReply} [data-testid=mark-answer]"));
        var mark = page.Find($"#reply-{helperReply} [data-testid=mark-answer]");
        Assert.Equal("false", mark.GetAttribute("aria-pressed"));
        Assert.Equal("Mark as the answer: the reply of Hannes Helper", mark.GetAttribute("aria-label"));
        Assert.Empty(page.FindAll("[data-testid=the-answer]"));

        await mark.ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Channel 11", page.Find("[data-testid=the-answer]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Accepted by the author", page.Find("[data-testid=the-answer-by]").TextContent.Trim());
        Assert.Equal($"/posts/{ideaId}#reply-{helperReply}", page.Find("[data-testid=the-answer-link]").GetAttribute("href"));
        Assert.Equal($"/posts/{ideaId}#the-answer", page.Find("[data-testid=answered-link]").GetAttribute("href"));
        Assert.Single(page.FindAll($"#reply-{helperReply} [data-testid=answer-badge]"));
        Assert.Equal("true", page.Find($"#reply-{helperReply} [data-testid=mark-answer]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task A_visitor_is_offered_nothing_and_sees_the_answer_arrive_and_go_live()
    {
        var (_, _, ideaId, helperReply, _) = await SeedThreadAsync();
        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=reply-list]")));
        Assert.Empty(page.FindAll("[data-testid=mark-answer]"));

        var chosen = new AnswerMark(helperReply, "Anna Berger", "Customer Care", false, DateTime.UtcNow);
        await Bus.PublishAsync(new AnswerMarked(ideaId, chosen, DateTime.UtcNow), Ct);
        page.WaitForAssertion(() => Assert.Equal("Chosen by Anna Berger, Customer Care", page.Find("[data-testid=the-answer-by]").TextContent.Trim()));
        Assert.Single(page.FindAll("[data-testid=answer-badge]"));

        await Bus.PublishAsync(new AnswerMarked(ideaId, null, DateTime.UtcNow), Ct);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=the-answer]")));
        Assert.Empty(page.FindAll("[data-testid=answer-badge]"));
        Assert.Empty(page.FindAll("[data-testid=answered-link]"));
    }

    private async Task<(string AskerId, string HelperId, int IdeaId, long HelperReply, long OwnReply)> SeedThreadAsync()
    {
        var askerId = await SeedUserAsync("Ada Asker", Roles.CustomerId);
        var helperId = await SeedUserAsync("Hannes Helper", Roles.CustomerId);
        var ideaId = await SeedIdeaAsync(authorId: askerId);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var helper = new Reply { PostId = ideaId, AuthorId = helperId, Body = "Channel 11 fixed it for me.", CreatedAt = DateTime.UtcNow };
        var own = new Reply { PostId = ideaId, AuthorId = askerId, Body = "Thanks, trying it.", CreatedAt = DateTime.UtcNow };
        db.Replies.AddRange(helper, own);
        await db.SaveChangesAsync(Ct);
        return (askerId, helperId, ideaId, helper.Id, own.Id);
    }
}
