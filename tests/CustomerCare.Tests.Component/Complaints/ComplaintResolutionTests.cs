using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Complaints;

/// <summary>The end of a complaint on its page: the customer's question, the rating, the announced silence and the close button.</summary>
public sealed class ComplaintResolutionTests : ComponentTestContext
{
    public ComplaintResolutionTests()
    {
        // Registered before UseDatabase: it resolves the database, after which bUnit takes no more services.
        Services.AddSingleton<PostService>();
        UseDatabase();
    }

    [Fact]
    public async Task The_customer_is_asked_about_the_pending_proposal_confirms_it_and_rates_once()
    {
        var (id, customerId, _) = await SeedAsync(proposalAgo: TimeSpan.FromHours(1));
        SignIn(customerId, Roles.Customer);
        var page = Render<PostPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.Equal(
            "Anna Berger proposes this as the solution. Is it solved for you?",
            page.Find("[data-testid=resolution-pending] h2").TextContent.Trim()));
        Assert.Contains("Proposed resolution", page.Find("[data-testid=proposal-badge]").TextContent, StringComparison.Ordinal);

        await page.Find("[data-testid=resolution-yes]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=resolution-rating-form]")));
        Assert.Empty(page.FindAll("[data-testid=resolution-pending]"));
        Assert.True(page.Find("[data-testid=resolution-rate]").HasAttribute("disabled"));
        await page.FindAll("[data-testid=resolution-stars] .mud-rating-item")[3].ClickAsync(new());
        await page.Find("textarea[data-testid=resolution-rating-comment-field]").InputAsync(new() { Value = "Quick and friendly." });
        await page.Find("[data-testid=resolution-rate]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("You rated 4/5 — thank you.", page.Find("[data-testid=resolution-rating] p").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=resolution-rating-form]"));
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var saved = await db.Posts.Where(p => p.Id == id).Select(p => new { p.Status, p.Outcome, p.Rating, p.RatingComment }).SingleAsync(Ct);
        Assert.Equal((PostStatus.Solved, ComplaintOutcome.ConfirmedByCustomer, 4, "Quick and friendly."), (saved.Status, saved.Outcome, saved.Rating, saved.RatingComment));
    }

    [Fact]
    public async Task Only_the_customer_is_asked_staff_see_that_the_proposal_waits_and_other_customers_see_nothing()
    {
        var (id, _, ownerId) = await SeedAsync(proposalAgo: TimeSpan.FromHours(1), isPublic: true);
        SignIn(ownerId, Roles.Staff);
        var staffPage = Render<PostPage>(p => p.Add(x => x.Id, id));
        staffPage.WaitForAssertion(() => Assert.Contains("Anna Berger", staffPage.Find("[data-testid=resolution-staff-pending]").TextContent, StringComparison.Ordinal));
        Assert.Empty(staffPage.FindAll("[data-testid=resolution-pending]"));

        var otherId = await SeedUserAsync("Paul Meier", Roles.CustomerId);
        SignIn(otherId, Roles.Customer);
        var otherPage = Render<PostPage>(p => p.Add(x => x.Id, id));
        otherPage.WaitForAssertion(() => Assert.NotNull(otherPage.Find("[data-testid=complaint-owner-card]")));
        Assert.Empty(otherPage.FindAll("[data-testid=complaint-resolution]"));
        Assert.Empty(otherPage.FindAll("[data-testid=resolution-pending]"));
    }

    [Fact]
    public async Task The_customer_reads_until_when_we_wait_for_an_answer_once_they_answered_the_proposal_is_no_longer_asked()
    {
        var answeredAgo = TimeSpan.FromHours(1);
        var (id, customerId, _) = await SeedAsync(proposalAgo: answeredAgo, customerRepliedAfter: true);
        SignIn(customerId, Roles.Customer);
        var page = Render<PostPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=resolution-my-solved]")));
        Assert.Empty(page.FindAll("[data-testid=resolution-pending]"));
        Assert.Empty(page.FindAll("[data-testid=resolution-silence-notice]"));

        var (quiet, quietCustomer, _) = await SeedAsync(staffAnswerAgo: answeredAgo);
        SignIn(quietCustomer, Roles.Customer);
        var quietPage = Render<PostPage>(p => p.Add(x => x.Id, quiet));
        var answeredAt = await LastStaffAnswerAsync(quiet);
        var by = Services.GetRequiredService<ResolutionText>().When(answeredAt + new ResponseOptions().AutoCloseAfter);
        quietPage.WaitForAssertion(() => Assert.Equal(
            $"If we don't hear from you by {by}, we may close this complaint. You can reopen it any time.",
            quietPage.Find("[data-testid=resolution-silence-notice]").TextContent.Trim()));
    }

    [Fact]
    public async Task Staff_may_close_only_from_the_announced_date_and_the_button_says_from_when()
    {
        var (early, _, ownerId) = await SeedAsync(staffAnswerAgo: TimeSpan.FromDays(13));
        SignIn(ownerId, Roles.Staff);
        var page = Render<PostPage>(p => p.Add(x => x.Id, early));
        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=resolution-close]").HasAttribute("disabled")));
        var from = Services.GetRequiredService<ResolutionText>().When(await LastStaffAnswerAsync(early) + TimeSpan.FromDays(14));
        Assert.Contains($"until {from}", page.Find("[data-testid=resolution-close-hint]").TextContent, StringComparison.Ordinal);

        var (due, customerId, dueOwner) = await SeedAsync(staffAnswerAgo: TimeSpan.FromDays(15));
        SignIn(dueOwner, Roles.Staff);
        var duePage = Render<PostPage>(p => p.Add(x => x.Id, due));
        duePage.WaitForAssertion(() => Assert.False(duePage.Find("[data-testid=resolution-close]").HasAttribute("disabled")));

        await duePage.Find("[data-testid=resolution-close]").ClickAsync(new());

        duePage.WaitForAssertion(() => Assert.Equal(
            "Closed after 15 days without a reply from the customer.", duePage.Find("[data-testid=resolution-staff-outcome]").TextContent.Trim()));
        SignIn(customerId, Roles.Customer);
        var customerPage = Render<PostPage>(p => p.Add(x => x.Id, due));
        customerPage.WaitForAssertion(() => Assert.Equal(
            "Closed after 15 days without a reply — not solved? Reopen it", customerPage.Find("[data-testid=resolution-closed-silence]").TextContent.Trim()));
        Assert.NotNull(customerPage.Find("[data-testid=resolution-reopen]"));
    }

    [Fact]
    public async Task The_customers_confirmation_shows_on_the_owners_open_page_at_once()
    {
        var (id, customerId, ownerId) = await SeedAsync(proposalAgo: TimeSpan.FromHours(1));
        SignIn(ownerId, Roles.Staff);
        var page = Render<PostPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=resolution-staff-pending]")));

        var customer = new Viewer(customerId, IsStaff: false, IsProductOwner: false, IsAdmin: false);
        Assert.True((await Services.GetRequiredService<ComplaintResolutionService>().ConfirmAsync(id, customer, Ct)).Succeeded);

        // The panel and the history are live on their own: each takes the event as soon as it can.
        page.WaitForAssertion(() =>
        {
            Assert.Equal("The customer confirmed that this complaint is solved.", page.Find("[data-testid=resolution-staff-outcome]").TextContent.Trim());
            Assert.Empty(page.FindAll("[data-testid=resolution-staff-pending]"));
            Assert.Contains("Solved", page.Find("[data-testid=status-history]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_owner_proposes_from_the_reply_box_and_a_colleague_is_not_offered_to()
    {
        var (id, _, ownerId) = await SeedAsync(staffAnswerAgo: TimeSpan.FromHours(2));
        var colleagueId = await SeedUserAsync("Jonas Weber", Roles.StaffId);
        SignIn(colleagueId, Roles.Staff);
        var colleaguePage = Render<PostPage>(p => p.Add(x => x.Id, id));
        colleaguePage.WaitForAssertion(() => Assert.NotNull(colleaguePage.Find("[data-testid=composer-submit]")));
        Assert.Empty(colleaguePage.FindAll("input[data-testid=composer-propose]"));

        SignIn(ownerId, Roles.Staff);
        var page = Render<PostPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("input[data-testid=composer-propose]")));
        await page.Find("input[data-testid=composer-propose]").ChangeAsync(new() { Value = true });
        await page.Find("textarea[data-testid=composer-body]").InputAsync(new() { Value = "Refund booked again, arrives Friday." });
        await page.Find("[data-testid=composer-submit]").ClickAsync(new());

        // The resolution panel and the thread are live on their own: each shows the proposal as soon as it can.
        page.WaitForAssertion(() =>
        {
            Assert.Contains("Anna Berger", page.Find("[data-testid=resolution-staff-pending]").TextContent, StringComparison.Ordinal);
            var proposal = Assert.Single(page.FindAll("[data-testid=reply]"), r => r.QuerySelector("[data-testid=proposal-badge]") is not null);
            Assert.Contains("Refund booked again", proposal.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_customer_reopens_a_solved_complaint_by_saying_what_is_missing_and_an_empty_message_is_refused_at_the_field()
    {
        var (id, customerId, _) = await SeedAsync(proposalAgo: TimeSpan.FromHours(1));
        var customer = new Viewer(customerId, IsStaff: false, IsProductOwner: false, IsAdmin: false);
        Assert.True((await Services.GetRequiredService<ComplaintResolutionService>().ConfirmAsync(id, customer, Ct)).Succeeded);
        SignIn(customerId, Roles.Customer);
        var page = Render<PostPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=resolution-reopen]")));

        await page.Find("[data-testid=resolution-reopen]").ClickAsync(new());
        await page.Find("[data-testid=resolution-message-send]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Please tell us what is still missing.", page.Find("[data-testid=resolution-message-form]").TextContent, StringComparison.Ordinal));
        await page.Find("textarea[data-testid=resolution-message]").InputAsync(new() { Value = "The refund never arrived." });
        await page.Find("[data-testid=resolution-message-send]").ClickAsync(new());

        // The panel, the status history and the thread are live on their own: each takes the events as soon as it can.
        page.WaitForAssertion(() =>
        {
            Assert.NotNull(page.Find("[data-testid=resolution-my-solved]"));
            Assert.Contains("Reopened", page.Find("[data-testid=status-history]").TextContent, StringComparison.Ordinal);
            Assert.Contains(page.FindAll("[data-testid=reply]"), r => r.TextContent.Contains("The refund never arrived.", StringComparison.Ordinal));
        });
    }

    /// <summary>A complaint by Greta owned by Anna; Anna's proposal or plain answer some time ago, optionally answered by Greta.</summary>
    private async Task<(int Id, string CustomerId, string OwnerId)> SeedAsync(
        TimeSpan? proposalAgo = null, TimeSpan? staffAnswerAgo = null, bool customerRepliedAfter = false, bool isPublic = false)
    {
        var customerId = await SeedUserAsync("Greta Hansen", Roles.CustomerId);
        var ownerId = await SeedUserAsync("Anna Berger", Roles.StaffId);
        var now = DateTime.UtcNow;
        var answeredAt = now - (proposalAgo ?? staffAnswerAgo ?? TimeSpan.Zero);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = new Post
        {
            Kind = PostKind.Complaint, Title = "Refund missing", Body = "I returned the shoes a month ago.", AuthorId = customerId,
            CreatedAt = answeredAt.AddDays(-1), UpdatedAt = answeredAt, IsPublic = isPublic, Mood = ComplaintMood.Disappointed, OwnerId = ownerId,
        };
        post.Replies.Add(new Reply
        {
            PostId = 0, AuthorId = ownerId, Body = "The refund went out today.", CreatedAt = answeredAt, IsResolutionProposal = proposalAgo is not null,
        });
        if (customerRepliedAfter)
        {
            post.Replies.Add(new Reply { PostId = 0, AuthorId = customerId, Body = "Which account?", CreatedAt = answeredAt.AddMinutes(5) });
        }

        db.Posts.Add(post);
        await db.SaveChangesAsync(Ct);
        return (post.Id, customerId, ownerId);
    }

    private async Task<DateTime> LastStaffAnswerAsync(int id)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = await db.Posts.Where(p => p.Id == id).Select(p => p.AuthorId).SingleAsync(Ct);
        return DateTime.SpecifyKind(await db.Replies.Where(r => r.PostId == id && r.AuthorId != post).MaxAsync(r => r.CreatedAt, Ct), DateTimeKind.Utc);
    }
}
