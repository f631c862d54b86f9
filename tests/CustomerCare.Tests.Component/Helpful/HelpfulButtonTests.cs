using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Helpful;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Helpful;

/// <summary>
/// "Helpful" in a thread: a pressed-or-not toggle for people who may mark, the bare count for the reply's writer and for
/// visitors, nothing on an internal note; the count follows the live event; "helped N customers" stands beside the tenure.
/// Staff endorse a customer's answer, and the endorsement arrives live on every page.
/// </summary>
public sealed class HelpfulButtonTests : ComponentTestContext
{
    private static readonly AuthorInfo Clara = new("clara", "Clara Schmidt", null, null, new DateTime(2014, 3, 1, 0, 0, 0, DateTimeKind.Utc), false, Helped: 12);
    private static readonly AuthorInfo Anna = new("anna", "Anna Berger", null, "Customer Care", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), true);

    public HelpfulButtonTests() => UseDatabase();

    private InMemoryLiveBus Bus => Services.GetRequiredService<InMemoryLiveBus>();

    [Fact]
    public async Task A_reader_gets_a_toggle_with_the_count_and_the_count_follows_the_live_event()
    {
        SignIn("ben", Roles.Customer);
        var thread = RenderThread(Reply(1, Clara, 2), marked: [1]);

        var button = thread.Find("[data-testid=helpful]");
        Assert.Equal("true", button.GetAttribute("aria-pressed"));
        Assert.Equal("Helpful · 2: the reply of Clara Schmidt", button.GetAttribute("aria-label"));
        Assert.Equal("· 2", thread.Find("[data-testid=helpful-count]").TextContent.Trim());
        Assert.Contains("helped 12 customers", thread.Find("[data-testid=author-helped]").TextContent, StringComparison.Ordinal);

        await Bus.PublishAsync(new HelpfulChanged(31, 1, 5, DateTime.UtcNow), Ct);

        thread.WaitForAssertion(() => Assert.Equal("· 5", thread.Find("[data-testid=helpful-count]").TextContent.Trim()));
        Assert.Equal("true", thread.Find("[data-testid=helpful]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void The_writer_sees_the_count_without_a_toggle()
    {
        SignIn("clara", Roles.Customer);
        var own = RenderThread(Reply(1, Clara, 3));
        Assert.Empty(own.FindAll("[data-testid=helpful]"));
        Assert.Equal("3 found this helpful", own.Find("[data-testid=helpful-shown]").TextContent.Trim());

    }

    [Fact]
    public void Nobody_sees_helpful_on_an_internal_note()
    {
        SignIn("anna", Roles.Staff);
        var staff = RenderThread(Reply(2, Anna, 0) with { IsInternalNote = true });
        Assert.Empty(staff.FindAll("[data-testid=helpful]"));
        Assert.Empty(staff.FindAll("[data-testid=helpful-shown]"));
    }

    [Fact]
    public void A_visitor_sees_the_count_without_a_toggle_and_no_count_when_nobody_marked_yet()
    {
        var thread = RenderThread(Reply(1, Clara, 4), Reply(2, Clara, 0));

        Assert.Empty(thread.FindAll("[data-testid=helpful]"));
        Assert.Equal(["4 found this helpful"], thread.FindAll("[data-testid=helpful-shown]").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public async Task Staff_get_endorse_on_a_customers_answer_only_and_it_turns_into_withdraw_when_the_endorsement_arrives()
    {
        SignIn("anna", Roles.Staff);
        var staff = RenderThread(Reply(1, Clara, 0), Reply(2, Anna, 0));
        Assert.Single(staff.FindAll("[data-testid=endorse]"));
        Assert.Equal("Endorse the answer of Clara Schmidt", staff.Find("#reply-1 [data-testid=endorse]").GetAttribute("aria-label"));

        await Bus.PublishAsync(new ReplyEndorsed(31, 1, new Endorsement("julia", "Julia Hoffmann", "Team Lead", DateTime.UtcNow), DateTime.UtcNow), Ct);

        staff.WaitForAssertion(() => Assert.Equal("Withdraw endorsement", staff.Find("#reply-1 [data-testid=endorse]").TextContent.Trim()));
        Assert.Equal("true", staff.Find("#reply-1 [data-testid=endorse]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task A_customer_gets_no_endorse_and_sees_the_endorsement_arrive_and_go_live()
    {
        SignIn("ben", Roles.Customer);
        var customer = RenderThread(Reply(1, Clara, 0), Reply(2, Anna, 0));
        Assert.Empty(customer.FindAll("[data-testid=endorse]"));

        await Bus.PublishAsync(new ReplyEndorsed(31, 1, new Endorsement("anna", "Anna Berger", "Customer Care", DateTime.UtcNow), DateTime.UtcNow), Ct);
        customer.WaitForAssertion(() => Assert.Equal("Endorsed by Anna Berger, Customer Care", customer.Find("#reply-1 [data-testid=endorsed]").TextContent.Trim()));

        await Bus.PublishAsync(new ReplyEndorsed(31, 1, null, DateTime.UtcNow), Ct);
        customer.WaitForAssertion(() => Assert.Empty(customer.FindAll("[data-testid=endorsed]")));
    }

    [Fact]
    public void A_hidden_reply_no_longer_stands_as_endorsed()
    {
        var endorsed = Reply(1, Clara, 0) with { Endorsed = new Endorsement("anna", "Anna Berger", "Customer Care", DateTime.UtcNow) };
        var thread = RenderThread(endorsed, endorsed with { Id = 2, Hidden = new ReplyHiding(DateTime.UtcNow, "Off topic"), Body = "" });

        Assert.Single(thread.FindAll("[data-testid=endorsed]"));
        Assert.Single(thread.FindAll("#reply-1 [data-testid=endorsed]"));
    }

    private IRenderedComponent<ReplyThread> RenderThread(ReplyView reply, params long[] marked) => RenderThread([reply], marked);

    private IRenderedComponent<ReplyThread> RenderThread(ReplyView first, ReplyView second) => RenderThread([first, second], []);

    private IRenderedComponent<ReplyThread> RenderThread(ReplyView[] replies, long[] marked) =>
        Render<ReplyThread>(p => p.Add(t => t.PostId, 31).Add(t => t.Replies, replies).Add(t => t.ReplyActions, reply => builder =>
        {
            builder.OpenComponent<HelpfulButton>(0);
            builder.AddAttribute(1, nameof(HelpfulButton.Reply), reply);
            builder.AddAttribute(2, nameof(HelpfulButton.Marked), marked.Contains(reply.Id));
            builder.CloseComponent();
            builder.OpenComponent<EndorseButton>(3);
            builder.AddAttribute(4, nameof(EndorseButton.Reply), reply);
            builder.CloseComponent();
        }));

    private static ReplyView Reply(long id, AuthorInfo author, int helpful) =>
        new(id, null, author, "Restart the router.", DateTime.UtcNow, null, false, HelpfulCount: helpful);
}
