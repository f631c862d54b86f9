using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.PersonalData;

/// <summary>
/// An idea page someone has open while a person who wrote there deletes their account (here through the admin's path,
/// which needs no password): the page follows without a reload, as it follows moderation.
/// </summary>
public sealed class ErasedAccountOnOpenPageTests : ComponentTestContext
{
    private const string Name = "Zelda Quibbleworth";
    private const string Words = "Quibbleworthy words.";

    private PublicContentOnDeletion mode = PublicContentOnDeletion.Anonymize;

    public ErasedAccountOnOpenPageTests()
    {
        // Registered before UseDatabase: it resolves the database, after which bUnit takes no more services. The mode is
        // read when the deletion first asks, so each test sets it before.
        Services.AddSingleton<Web.Features.Decisions.StatusDecisionService>();
        Services.AddSingleton<AccountDeletion>();
        Services.Configure<AccountDeletionOptions>(o => o.PublicContent = mode);
        UseDatabase();
    }

    [Fact]
    public async Task Under_remove_a_customers_open_page_drops_the_reply_text_and_name_and_keeps_the_count()
    {
        mode = PublicContentOnDeletion.Remove;
        var (ideaId, zeldasIdeaId, zeldaId) = await SceneAsync();
        var otto = await SeedUserAsync("Otto Reader", Roles.CustomerId);
        SignIn(otto, Roles.Customer);
        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
        var zeldasPage = Render<PostPage>(p => p.Add(x => x.Id, zeldasIdeaId));
        page.WaitForAssertion(() => Assert.Contains(Words, page.Find("[data-testid=reply-list]").TextContent, StringComparison.Ordinal));
        zeldasPage.WaitForAssertion(() => Assert.Contains(Name, zeldasPage.Markup, StringComparison.Ordinal));
        var heading = page.Find("[data-testid=reply-heading]").TextContent.Trim();

        await DeleteAsync(zeldaId);

        page.WaitForAssertion(() => Assert.Equal(
            "Hidden by our team: Deleted with its author's account", page.Find("[data-testid=reply-hidden]").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.DoesNotContain(Name, page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(Words, page.Markup, StringComparison.Ordinal);
        Assert.Contains("Former customer", page.Find("[data-testid=reply] [data-testid=author]").TextContent, StringComparison.Ordinal);
        Assert.Equal(heading, page.Find("[data-testid=reply-heading]").TextContent.Trim());
        zeldasPage.WaitForAssertion(() => Assert.Equal("This post does not exist, or it is private.", zeldasPage.Find(".mud-alert").TextContent.Trim()));
        Assert.DoesNotContain(Name, zeldasPage.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_remove_staff_lose_the_erased_text_on_their_open_page_too()
    {
        mode = PublicContentOnDeletion.Remove;
        var (ideaId, _, zeldaId) = await SceneAsync();
        SignIn(await SeedUserAsync("Anna Staff", Roles.StaffId), Roles.Staff);
        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
        page.WaitForAssertion(() => Assert.Contains(Words, page.Find("[data-testid=reply-list]").TextContent, StringComparison.Ordinal));

        await DeleteAsync(zeldaId);

        page.WaitForAssertion(() => Assert.Equal(
            "Hidden from customers: Deleted with its author's account", page.Find("[data-testid=reply-hidden-staff]").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.DoesNotContain(Words, page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(Name, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_anonymize_the_open_page_shows_the_reply_by_former_customer_with_its_text()
    {
        var (ideaId, _, zeldaId) = await SceneAsync();
        SignIn(await SeedUserAsync("Otto Reader", Roles.CustomerId), Roles.Customer);
        var page = Render<PostPage>(p => p.Add(x => x.Id, ideaId));
        page.WaitForAssertion(() => Assert.Contains(Name, page.Find("[data-testid=reply-list]").TextContent, StringComparison.Ordinal));

        await DeleteAsync(zeldaId);

        page.WaitForAssertion(() => Assert.Contains("Former customer", page.Find("[data-testid=reply] [data-testid=author]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(Name, page.Markup, StringComparison.Ordinal);
        Assert.Contains(Words, page.Find("[data-testid=reply-list]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=reply-hidden]"));
    }

    // Someone else's idea with Zelda's reply, and an idea of Zelda's own.
    private async Task<(int IdeaId, int ZeldasIdeaId, string ZeldaId)> SceneAsync()
    {
        var zeldaId = await SeedUserAsync(Name, Roles.CustomerId, new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var ideaId = await SeedIdeaAsync("Paper invoices");
        var zeldasIdeaId = await SeedIdeaAsync("Meter photos", zeldaId);
        var reply = await Services.GetRequiredService<ThreadService>().ReplyAsync(ideaId, null, Words, false, new Viewer(zeldaId, false, false, false), Ct);
        Assert.True(reply.Succeeded, reply.Outcome.ToString());
        return (ideaId, zeldasIdeaId, zeldaId);
    }

    private async Task DeleteAsync(string zeldaId)
    {
        var admin = await SeedUserAsync("Sabine Admin", Roles.AdminId);
        var result = await Services.GetRequiredService<AccountDeletion>()
            .DeleteForAsync(zeldaId, "Letter of 3 December", [], new Viewer(admin, false, false, IsAdmin: true), Ct);
        Assert.Equal(DeletionOutcome.Deleted, result.Outcome);
    }
}
