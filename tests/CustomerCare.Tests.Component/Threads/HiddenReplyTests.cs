using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Threads;

/// <summary>
/// A hidden reply in the thread: customers read the team's reason in its place and lose the text when it is hidden
/// live; staff keep the text, marked; a reply that waits for approval is marked for its author.
/// </summary>
public sealed class HiddenReplyTests : ComponentTestContext
{
    private const string Spam = "Cheap meters at spam.example!";

    private static readonly AuthorInfo Clara = new("clara", "Clara Schmidt", null, null, new DateTime(2014, 3, 1, 0, 0, 0, DateTimeKind.Utc), false);
    private static readonly AuthorInfo Bert = new("bert", "Bert Brandt", null, null, new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc), false);

    public HiddenReplyTests() => UseDatabase();

    private InMemoryLiveBus Bus => Services.GetRequiredService<InMemoryLiveBus>();

    [Fact]
    public void A_hidden_reply_shows_customers_the_reason_in_its_place()
    {
        SignIn("clara", Roles.Customer);

        var thread = RenderThread(Reply(1, Clara, "Please add this."), Reply(2, Bert, "") with { Hidden = new(DateTime.UtcNow, "Advertising.") });

        var replies = thread.FindAll("[data-testid=reply]");
        Assert.Equal(2, replies.Count);
        Assert.Equal("Hidden by our team: Advertising.", replies[1].QuerySelector("[data-testid=reply-hidden]")!.TextContent.Trim());
        Assert.Empty(thread.FindAll("[data-testid=reply-hidden-staff]"));
    }

    [Fact]
    public async Task A_reply_hidden_live_loses_its_text_on_a_customers_page()
    {
        SignIn("clara", Roles.Customer);
        var thread = RenderThread(Reply(1, Clara, "Please add this."), Reply(2, Bert, Spam));
        Assert.Contains(Spam, thread.Markup, StringComparison.Ordinal);

        await Bus.PublishAsync(new ReplyHidden(31, 2, new(DateTime.UtcNow, "Advertising."), StaffOnly: false, DateTime.UtcNow), Ct);

        thread.WaitForAssertion(() => Assert.Equal("Hidden by our team: Advertising.", thread.Find("[data-testid=reply-hidden]").TextContent.Trim()));
        Assert.DoesNotContain(Spam, thread.Markup, StringComparison.Ordinal);
        Assert.Equal("2 replies", thread.Find("[data-testid=reply-heading]").TextContent.Trim());
    }

    [Fact]
    public async Task Staff_keep_the_text_of_a_reply_hidden_live_marked_as_hidden_and_see_it_restored()
    {
        SignIn("anna", Roles.Staff);
        var thread = RenderThread(Reply(2, Bert, Spam));

        await Bus.PublishAsync(new ReplyHidden(31, 2, new(DateTime.UtcNow, "Advertising."), StaffOnly: false, DateTime.UtcNow), Ct);

        thread.WaitForAssertion(() => Assert.Equal("Hidden from customers: Advertising.", thread.Find("[data-testid=reply-hidden-staff]").TextContent.Trim()));
        Assert.Contains(Spam, thread.Markup, StringComparison.Ordinal);
        Assert.Empty(thread.FindAll("[data-testid=reply-hidden]"));

        await Bus.PublishAsync(new ReplyRestored(Reply(2, Bert, Spam), 31, DateTime.UtcNow), Ct);

        thread.WaitForAssertion(() => Assert.Empty(thread.FindAll("[data-testid=reply-hidden-staff]")));
        Assert.Contains(Spam, thread.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restored_reply_shows_customers_its_text_again()
    {
        SignIn("clara", Roles.Customer);
        var thread = RenderThread(Reply(2, Bert, "") with { Hidden = new(DateTime.UtcNow, "Checking.") });

        await Bus.PublishAsync(new ReplyRestored(Reply(2, Bert, "Fine after all."), 31, DateTime.UtcNow), Ct);

        thread.WaitForAssertion(() => Assert.Contains("Fine after all.", thread.Find("[data-testid=reply]").TextContent, StringComparison.Ordinal));
        Assert.Empty(thread.FindAll("[data-testid=reply-hidden]"));
    }

    [Fact]
    public void A_reply_that_waits_for_approval_is_marked_for_its_author_and_not_counted()
    {
        SignIn("bert", Roles.Customer);

        var thread = RenderThread(Reply(1, Clara, "Please add this."), Reply(2, Bert, "Me too, see my site.") with { IsHeld = true });

        Assert.Equal("Waits for approval by our team", thread.Find("[data-testid=reply-held]").TextContent.Trim());
        Assert.StartsWith("1 ", thread.Find("[data-testid=reply-heading]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_elses_waiting_reply_never_shows_on_a_customers_page()
    {
        SignIn("clara", Roles.Customer);
        var thread = RenderThread(Reply(1, Clara, "Please add this."));

        await Bus.PublishAsync(new ReplyAdded(Reply(2, Bert, "Buy here.") with { IsHeld = true }, 31, 1, DateTime.UtcNow) with { Topic = LiveTopics.Post(31) }, Ct);
        await Bus.PublishAsync(new ReplyAdded(Reply(3, Clara, "Any news?"), 31, 2, DateTime.UtcNow), Ct);

        thread.WaitForAssertion(() => Assert.Equal(2, thread.FindAll("[data-testid=reply]").Count));
        Assert.DoesNotContain("Buy here.", thread.Markup, StringComparison.Ordinal);
    }

    private IRenderedComponent<ReplyThread> RenderThread(params ReplyView[] replies) =>
        Render<ReplyThread>(p => p.Add(t => t.PostId, 31).Add(t => t.Replies, replies));

    private static ReplyView Reply(long id, AuthorInfo author, string body) => new(id, null, author, body, DateTime.UtcNow, null, false);
}
