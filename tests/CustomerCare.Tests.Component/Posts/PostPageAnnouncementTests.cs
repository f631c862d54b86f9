using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerCare.Tests.Component.Posts;

/// <summary>
/// A screen reader on the post page hears other people's live changes in the page's one polite live region, a short
/// while after they come and all in one message; the reader's own reply is not said again.
/// </summary>
public sealed class PostPageAnnouncementTests : ComponentTestContext
{
    private static readonly AuthorInfo Anna = new("anna", "Anna Berger", null, null, new DateTime(2014, 3, 1, 0, 0, 0, DateTimeKind.Utc), false);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    public PostPageAnnouncementTests()
    {
        Services.AddSingleton<TimeProvider>(time);
        Services.AddSingleton<StatusDecisionService>();
        UseDatabase();
    }

    private InMemoryLiveBus Bus => Services.GetRequiredService<InMemoryLiveBus>();

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Another_persons_reply_and_status_change_are_said_together_in_the_live_region()
    {
        var viewerId = await SeedUserAsync("Clara Schmidt", Roles.CustomerId);
        SignIn(viewerId, Roles.Customer);
        var ideaId = await SeedIdeaAsync(status: PostStatus.UnderReview);
        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=status-chip]")));
        var region = page.Find("[data-testid=live-announcer]");
        Assert.Equal("status", region.GetAttribute("role"));
        Assert.Equal("polite", region.GetAttribute("aria-live"));
        Assert.Equal("true", region.GetAttribute("aria-atomic"));

        await Bus.PublishAsync(new ReplyAdded(Reply(1, Anna, "Me too!"), ideaId, 1, Now), Ct);
        await Bus.PublishAsync(new StatusChanged(ideaId, PostStatus.UnderReview, PostStatus.Planned, "Petra Owner", null, null, Now, ById: "petra"), Ct);
        page.WaitForAssertion(() => Assert.Equal("Planned", page.Find("[data-testid=status-chip]").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Contains("Me too!", page.Find("[data-testid=reply-list]").TextContent, StringComparison.Ordinal));
        Assert.Equal("", Announced(page));

        time.Advance(TimeSpan.FromSeconds(2));

        page.WaitForAssertion(() => Assert.Equal("New reply by Anna Berger. Status changed to Planned.", Announced(page)));
    }

    [Fact]
    public async Task The_viewers_own_reply_is_not_announced()
    {
        var viewerId = await SeedUserAsync("Clara Schmidt", Roles.CustomerId);
        SignIn(viewerId, Roles.Customer);
        var clara = new AuthorInfo(viewerId, "Clara Schmidt", null, null, Now, false);
        var ideaId = await SeedIdeaAsync();
        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=live-announcer]")));

        // Both in one window: someone else's reply is said alone, the own one is not counted ("2 new replies").
        await Bus.PublishAsync(new ReplyAdded(Reply(1, clara, "My own words."), ideaId, 1, Now), Ct);
        await Bus.PublishAsync(new ReplyAdded(Reply(2, Anna, "And mine."), ideaId, 2, Now), Ct);
        page.WaitForAssertion(() => Assert.Contains("And mine.", page.Find("[data-testid=reply-list]").TextContent, StringComparison.Ordinal));
        Assert.Contains("My own words.", page.Find("[data-testid=reply-list]").TextContent, StringComparison.Ordinal);
        time.Advance(TimeSpan.FromSeconds(2));
        page.WaitForAssertion(() => Assert.Equal("New reply by Anna Berger.", Announced(page)));
    }

    [Fact]
    public async Task A_new_owner_of_a_complaint_is_announced_to_its_customer()
    {
        var customerId = await SeedUserAsync("Clara Schmidt", Roles.CustomerId);
        SignIn(customerId, Roles.Customer);
        var complaintId = await SeedComplaintAsync(customerId, "My bill is wrong");
        var page = Render<PostPage>(p => p.Add(x => x.Id, complaintId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=complaint-owner-card]")));

        var mira = new AuthorInfo("mira", "Mira Schulz", null, "Customer Care", Now, true);
        await Bus.PublishAsync(new ComplaintOwnerChanged(complaintId, mira, new HandoverView(null, "Mira Schulz", "Mira Schulz", null, Now), Now, "mira"), Ct);
        page.WaitForAssertion(() => Assert.Contains("Mira Schulz", page.Find("[data-testid=complaint-owner]").TextContent, StringComparison.Ordinal));
        time.Advance(TimeSpan.FromSeconds(2));

        page.WaitForAssertion(() => Assert.Equal("Mira Schulz now takes care of this complaint.", Announced(page)));
    }

    private static string Announced(Bunit.IRenderedComponent<PostPage> page) => page.Find("[data-testid=live-announcer]").TextContent.Trim();

    private ReplyView Reply(long id, AuthorInfo author, string body) => new(id, null, author, body, Now, null, false);
}
