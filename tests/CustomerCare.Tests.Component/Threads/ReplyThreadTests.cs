using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace CustomerCare.Tests.Component.Threads;

/// <summary>The thread follows the bus without disturbing the reader: typed text stays, internal notes stay with staff.</summary>
public sealed class ReplyThreadTests : ComponentTestContext
{
    private static readonly AuthorInfo Clara = new("clara", "Clara Schmidt", null, null, new DateTime(2014, 3, 1, 0, 0, 0, DateTimeKind.Utc), false);
    private static readonly AuthorInfo Anna = new("anna", "Anna Berger", null, "Customer Care", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), true);

    public ReplyThreadTests() => UseDatabase();

    private InMemoryLiveBus Bus => Services.GetRequiredService<InMemoryLiveBus>();

    [Fact]
    public async Task A_live_reply_is_appended_and_the_half_typed_reply_stays()
    {
        SignIn("clara", Roles.Customer);
        var thread = RenderThread(31, Reply(1, Clara, "Please add this."));
        var composer = thread.FindComponent<ReplyComposer>();
        await thread.InvokeAsync(() => thread.Find("[data-testid=composer] textarea").InputAsync(new ChangeEventArgs { Value = "I was about to say" }));

        await Bus.PublishAsync(new ReplyAdded(Reply(2, Anna, "We are on it."), 31, 2, DateTime.UtcNow), Ct);

        thread.WaitForAssertion(() => Assert.Equal(2, thread.FindAll("[data-testid=reply]").Count));
        Assert.Contains("We are on it.", thread.FindAll("[data-testid=reply]")[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("2 replies", thread.Find("[data-testid=reply-heading]").TextContent.Trim());
        Assert.Same(composer.Instance, thread.FindComponent<ReplyComposer>().Instance);
        Assert.Equal("I was about to say", thread.FindComponent<MudTextField<string>>().Instance.GetState(x => x.Value));
    }

    [Fact]
    public async Task A_live_reply_renders_only_itself_not_the_replies_already_shown()
    {
        SignIn("clara", Roles.Customer);
        var thread = RenderThread(31, Reply(1, Clara, "Please add this."), Reply(2, Anna, "We are on it."), Reply(3, Clara, "Thanks!"));
        var shown = thread.FindComponents<ReplyItem>();
        var rendersBefore = shown.Select(r => r.RenderCount).ToList();

        await Bus.PublishAsync(new ReplyAdded(Reply(4, Anna, "Shipped today."), 31, 4, DateTime.UtcNow), Ct);

        thread.WaitForAssertion(() => Assert.Equal(4, thread.FindAll("[data-testid=reply]").Count));
        Assert.Equal(rendersBefore, shown.Select(r => r.RenderCount));
    }

    [Fact]
    public async Task A_customers_thread_listens_only_to_the_public_topic()
    {
        SignIn("clara", Roles.Customer);
        var thread = RenderThread(31, Reply(1, Clara, "Please add this."));

        Assert.Equal((1, 0), (Bus.SubscriptionCountOf(LiveTopics.Post(31)), Bus.SubscriptionCountOf(LiveTopics.PostStaff(31))));
        var note = Reply(2, Anna, "VIP customer.") with { IsInternalNote = true };
        await Bus.PublishAsync(new ReplyAdded(note, 31, 1, DateTime.UtcNow), Ct);

        // Even a note published on the wrong topic would not be shown to a customer.
        await Bus.PublishAsync(new ReplyAdded(note, 31, 1, DateTime.UtcNow) with { Topic = LiveTopics.Post(31) }, Ct);

        // A page takes its events in order: once the next public reply shows, the note has been and gone.
        await Bus.PublishAsync(new ReplyAdded(Reply(3, Anna, "We are on it."), 31, 2, DateTime.UtcNow), Ct);
        thread.WaitForAssertion(() => Assert.Equal(2, thread.FindAll("[data-testid=reply]").Count));
        Assert.Empty(thread.FindAll("[data-testid=internal-note]"));
        Assert.DoesNotContain("VIP customer.", thread.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_see_an_internal_note_arrive_on_the_staff_topic()
    {
        SignIn("anna", Roles.Staff);
        var thread = RenderThread(31, Reply(1, Clara, "Please add this."));
        Assert.Equal((1, 1), (Bus.SubscriptionCountOf(LiveTopics.Post(31)), Bus.SubscriptionCountOf(LiveTopics.PostStaff(31))));

        await Bus.PublishAsync(new ReplyAdded(Reply(2, Anna, "VIP customer.") with { IsInternalNote = true }, 31, 1, DateTime.UtcNow), Ct);

        thread.WaitForAssertion(() => Assert.Contains("VIP customer.", thread.Find("[data-testid=internal-note]").TextContent, StringComparison.Ordinal));
        Assert.Equal("1 replies", thread.Find("[data-testid=reply-heading]").TextContent.Trim());
        Assert.NotEmpty(thread.FindAll("[data-testid=composer-internal]"));
    }

    [Fact]
    public async Task Disposing_the_thread_leaves_the_bus_as_it_was()
    {
        using var other = Bus.Subscribe(LiveTopics.Post(31), _ => Task.CompletedTask);
        var before = Bus.SubscriptionCount;
        SignIn("anna", Roles.Staff);
        var thread = RenderThread(31, Reply(1, Clara, "Please add this."));
        // The thread's two topics, and the presence line's two (who is here, who writes).
        thread.WaitForAssertion(() => Assert.Equal(before + 4, Bus.SubscriptionCount));

        await DisposeComponentsAsync();

        Assert.Equal(before, Bus.SubscriptionCount);
    }

    [Fact]
    public async Task A_refused_reply_keeps_the_text_and_says_why()
    {
        SignIn(await SeedUserAsync("Clara Schmidt", Roles.CustomerId), Roles.Customer);
        var thread = RenderThread(int.MaxValue);
        await thread.InvokeAsync(() => thread.Find("[data-testid=composer] textarea").InputAsync(new ChangeEventArgs { Value = "Hello?" }));

        await thread.InvokeAsync(() => thread.Find("[data-testid=composer-submit]").ClickAsync(new()));

        thread.WaitForAssertion(() => Assert.Equal("This post or reply no longer exists.", thread.Find("[data-testid=composer-error]").TextContent.Trim()));
        Assert.Equal("Hello?", thread.FindComponent<MudTextField<string>>().Instance.GetState(x => x.Value));
        Assert.Empty(thread.FindAll("[data-testid=reply]"));
    }

    [Fact]
    public async Task A_sent_reply_shows_at_once_and_empties_the_composer()
    {
        var userId = await SeedUserAsync("Clara Schmidt", Roles.CustomerId);
        var ideaId = await SeedIdeaAsync(authorId: userId);
        SignIn(userId, Roles.Customer);
        var thread = RenderThread(ideaId);
        await thread.InvokeAsync(() => thread.Find("[data-testid=composer] textarea").InputAsync(new ChangeEventArgs { Value = "  **Yes** please  " }));

        await thread.InvokeAsync(() => thread.Find("[data-testid=composer-submit]").ClickAsync(new()));

        thread.WaitForAssertion(() => Assert.Contains("<strong>Yes</strong>", thread.Find("[data-testid=reply]").InnerHtml, StringComparison.Ordinal));
        Assert.True(string.IsNullOrEmpty(thread.FindComponent<MudTextField<string>>().Instance.GetState(x => x.Value)));
        Assert.NotEmpty(thread.FindAll("[data-testid=reply-edit]"));
        Assert.Empty(thread.FindAll("[data-testid=composer-internal]"));
    }

    [Fact]
    public async Task An_answer_nests_under_its_reply_and_an_edit_shows_the_edited_mark()
    {
        var userId = await SeedUserAsync("Clara Schmidt", Roles.CustomerId);
        var ideaId = await SeedIdeaAsync(authorId: userId);
        SignIn(userId, Roles.Customer);
        var thread = RenderThread(ideaId);
        await SendAsync(thread, "[data-testid=composer]", "First thought.");
        thread.WaitForAssertion(() => Assert.Single(thread.FindAll("[data-testid=reply]")));

        await thread.InvokeAsync(() => thread.Find("[data-testid=reply-answer]").ClickAsync(new()));
        await SendAsync(thread, "[data-testid=answer-composer]", "Second thought.");
        thread.WaitForAssertion(() => Assert.Equal(2, thread.FindAll("[data-testid=reply]").Count));
        Assert.Contains("Second thought.", thread.Find(".ml-8 [data-testid=reply]").TextContent, StringComparison.Ordinal);
        Assert.Empty(thread.FindAll("[data-testid=answer-composer]"));
        Assert.Single(thread.FindAll("[data-testid=reply-answer]"));

        await thread.InvokeAsync(() => thread.Find("[data-testid=reply-edit]").ClickAsync(new()));
        await SendAsync(thread, "[data-testid=edit-composer]", "First thought, corrected.");

        thread.WaitForAssertion(() => Assert.Contains("First thought, corrected.", thread.Find("[data-testid=reply]").TextContent, StringComparison.Ordinal));
        Assert.Single(thread.FindAll("[data-testid=reply-edited]"));
    }

    [Fact]
    public async Task A_new_account_at_its_reply_limit_is_told_how_long_to_wait_and_its_text_stays()
    {
        var userId = await SeedUserAsync("Clara Schmidt", Roles.CustomerId);
        var ideaId = await SeedIdeaAsync();
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            db.Replies.AddRange(Enumerable.Range(0, new Web.Infrastructure.RateLimitOptions().Replies.NewAccount)
                .Select(i => new Data.Entities.Reply { PostId = ideaId, AuthorId = userId, Body = $"Earlier {i}", CreatedAt = DateTime.UtcNow.AddSeconds(-i) }));
            await db.SaveChangesAsync(Ct);
        }

        SignIn(userId, Roles.Customer);
        var thread = RenderThread(ideaId);

        await SendAsync(thread, "[data-testid=composer]", "One more thought.");

        thread.WaitForAssertion(() => Assert.StartsWith(
            "You have written many replies in a short time. Please wait about ", thread.Find("[data-testid=composer-error]").TextContent.Trim(),
            StringComparison.Ordinal));
        Assert.Equal("One more thought.", thread.FindComponent<MudTextField<string>>().Instance.GetState(x => x.Value));
        Assert.Empty(thread.FindAll("[data-testid=reply]"));
    }

    [Fact]
    public void Signed_out_visitors_are_offered_a_sign_in_that_returns_here()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/posts/31");

        var thread = RenderThread(31, Reply(1, Clara, "Please add this."));

        Assert.Empty(thread.FindAll("[data-testid=composer]"));
        Assert.Empty(thread.FindAll("[data-testid=reply-answer]"));
        Assert.Equal("Account/Login?ReturnUrl=%2Fposts%2F31", thread.Find("[data-testid=reply-sign-in] a").GetAttribute("href"));
    }

    private static async Task SendAsync(IRenderedComponent<ReplyThread> thread, string composer, string text)
    {
        await thread.InvokeAsync(() => thread.Find($"{composer} textarea").InputAsync(new ChangeEventArgs { Value = text }));
        await thread.InvokeAsync(() => thread.Find($"{composer} [data-testid=composer-submit]").ClickAsync(new()));
    }

    private IRenderedComponent<ReplyThread> RenderThread(int postId, params ReplyView[] replies) =>
        Render<ReplyThread>(p => p.Add(t => t.PostId, postId).Add(t => t.Replies, replies));

    private static ReplyView Reply(long id, AuthorInfo author, string body) => new(id, null, author, body, DateTime.UtcNow, null, false);
}
