using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Posts;

public sealed class PostCardTests : ComponentTestContext
{
    private static readonly AuthorInfo LoyalCustomer = new("u1", "Clara Schmidt", null, null, new DateTime(2014, 3, 1, 0, 0, 0, DateTimeKind.Utc), false);

    [Fact]
    public void Idea_card_shows_title_excerpt_author_tenure_counts_and_status()
    {
        UseDatabase();
        var card = Render<PostCard>(p => p.Add(c => c.Post, Idea(PostStatus.Planned)));

        Assert.Equal("Read the meter by photo", card.Find("[data-testid=post-title]").TextContent.Trim());
        Assert.Contains("Snap a picture", card.Markup, StringComparison.Ordinal);
        Assert.Contains("Clara Schmidt", card.Find("[data-testid=author]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Customer since 2014", card.Find("[data-testid=author]").TextContent, StringComparison.Ordinal);
        Assert.Equal("7 replies", card.Find("[data-testid=reply-count]").TextContent.Trim());
        Assert.Equal("42", card.Find("[data-testid=vote-count]").TextContent.Trim());
        Assert.Equal("Planned", card.Find("[data-testid=status-chip]").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=card-answered]"));
    }

    [Fact]
    public void An_answered_idea_says_so_beside_its_replies()
    {
        UseDatabase();
        var card = Render<PostCard>(p => p.Add(c => c.Post, Idea(PostStatus.Open) with { Answered = true }));

        Assert.Equal("Answered", card.Find("[data-testid=card-answered]").TextContent.Trim());
    }

    [Theory]
    [InlineData("u1", Roles.Customer, "Only you and the team")]
    [InlineData("s1", Roles.Staff, "Only the customer and the team")]
    public void Private_complaint_card_says_who_sees_it_in_the_words_of_the_filing_choice_and_has_no_vote_button(
        string reader, string role, string words)
    {
        UseDatabase(); // the card carries the vote button's service, ideas or not
        SignIn(reader, role);
        var complaint = Idea(PostStatus.Open) with { Kind = PostKind.Complaint, IsPublic = false };

        var card = Render<PostCard>(p => p.Add(c => c.Post, complaint));

        Assert.Empty(card.FindAll("[data-testid=vote-button]"));
        Assert.Equal(words, card.Find("[data-testid=complaint-visibility]").TextContent.Trim());
    }

    [Fact]
    public void Public_complaint_card_names_no_restriction()
    {
        UseDatabase();
        SignIn("u1", Roles.Customer);

        var card = Render<PostCard>(p => p.Add(c => c.Post, Idea(PostStatus.Open) with { Kind = PostKind.Complaint }));

        Assert.Empty(card.FindAll("[data-testid=complaint-visibility]"));
    }

    [Fact]
    public void Staff_author_is_shown_with_their_team_instead_of_tenure()
    {
        UseDatabase();
        var staff = new AuthorInfo("s1", "Anna Berger", null, "Customer Care", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), true);

        var card = Render<PostCard>(p => p.Add(c => c.Post, Idea(PostStatus.Open) with { Author = staff }));

        var author = card.Find("[data-testid=author]").TextContent;
        Assert.Contains("Customer Care", author, StringComparison.Ordinal);
        Assert.DoesNotContain("Customer since", author, StringComparison.Ordinal);
    }

    [Fact]
    public void An_anonymized_complaint_and_a_deleted_author_read_in_the_readers_language()
    {
        UseDatabase();
        SignIn("s1", Roles.Staff);
        UseCulture("de");
        var former = LoyalCustomer with { Id = "former-customer", DisplayName = CareUser.FormerCustomerName };
        var complaint = Idea(PostStatus.Solved) with { Kind = PostKind.Complaint, IsPublic = false, Title = Post.AnonymizedTitle, Author = former };

        var card = Render<PostCard>(p => p.Add(c => c.Post, complaint));

        Assert.Equal("Anonymisierte Reklamation", card.Find("[data-testid=post-title]").TextContent.Trim());
        Assert.Contains("Ehemaliger Kunde", card.Find("[data-testid=author]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Post.AnonymizedTitle, card.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(CareUser.FormerCustomerName, card.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_count_follows_a_live_reply_without_a_reload()
    {
        UseDatabase(); // the card carries the vote button's service, ideas or not
        var card = Render<PostCard>(p => p.Add(c => c.Post, Idea(PostStatus.Open) with { Kind = PostKind.Complaint }));
        var reply = new ReplyView(70, null, LoyalCustomer, "Same here.", DateTime.UtcNow, null, false);

        await Services.GetRequiredService<ILiveBus>().PublishAsync(new ReplyAdded(reply, 8, 30, DateTime.UtcNow), Ct);
        await Services.GetRequiredService<ILiveBus>().PublishAsync(new ReplyAdded(reply, 7, 8, DateTime.UtcNow), Ct);

        card.WaitForAssertion(() => Assert.Equal("8 replies", card.Find("[data-testid=reply-count]").TextContent.Trim()));
    }

    [Fact]
    public async Task Vote_count_on_the_card_follows_other_peoples_votes_and_a_shipped_idea_takes_none()
    {
        UseDatabase();
        var card = Render<PostCard>(p => p.Add(c => c.Post, Idea(PostStatus.Open)));
        card.WaitForAssertion(() => Assert.Equal(1, Services.GetRequiredService<InMemoryLiveBus>().SubscriptionCountOf(LiveTopics.Post(7))));

        await Services.GetRequiredService<ILiveBus>().PublishAsync(new VoteCountChanged(8, 99, DateTime.UtcNow), Ct);
        await Services.GetRequiredService<ILiveBus>().PublishAsync(new VoteCountChanged(7, 43, DateTime.UtcNow), Ct);

        card.WaitForAssertion(() => Assert.Equal("43", card.Find("[data-testid=vote-count]").TextContent.Trim()));
        Assert.Equal("false", card.Find("[data-testid=vote-button]").GetAttribute("aria-pressed")); // others voted, not the reader
        Assert.False(card.Find("[data-testid=vote-button]").HasAttribute("disabled"));

        // The board re-reads the idea, now shipped: voting closes, the live count stays.
        card.Render(p => p.Add(c => c.Post, Idea(PostStatus.Shipped)));
        Assert.True(card.Find("[data-testid=vote-button]").HasAttribute("disabled"));
        Assert.Equal("43", card.Find("[data-testid=vote-count]").TextContent.Trim());
    }

    private static PostSummary Idea(PostStatus status) => new(
        7, PostKind.Idea, "Read the meter by photo", "Snap a picture of the meter and the app reads it.", LoyalCustomer,
        new DateTime(2026, 10, 1, 9, 0, 0, DateTimeKind.Utc), status, 42, 7, true, false);
}
