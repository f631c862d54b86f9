using System.Security.Claims;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Ideas;

/// <summary>The board's sort and filters live in the address: read from it on load, written back when a control changes.</summary>
public sealed class BoardAddressTests : ComponentTestContext
{
    public BoardAddressTests()
    {
        Services.AddSingleton<PostService>();
        UseDatabase();
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task Board_reads_sort_and_status_from_the_address()
    {
        var author = await AddAuthorAsync();
        await AddIdeaAsync(author, "Popular old idea", votes: 40, daysAgo: 30, PostStatus.Planned);
        await AddIdeaAsync(author, "Fresh idea", votes: 1, daysAgo: 1, PostStatus.Open);
        await AddIdeaAsync(author, "Planned newcomer", votes: 2, daysAgo: 2, PostStatus.Planned);

        Navigation.NavigateTo("/?sort=top");
        var top = Render<IdeasPage>();
        top.WaitForAssertion(() => Assert.Equal(["Popular old idea", "Planned newcomer", "Fresh idea"], Titles(top)));

        Navigation.NavigateTo("/?sort=new&status=planned");
        var plannedNew = Render<IdeasPage>();
        plannedNew.WaitForAssertion(() => Assert.Equal(["Planned newcomer", "Popular old idea"], Titles(plannedNew)));
    }

    [Fact]
    public async Task Unknown_values_in_the_address_fall_back_to_the_default_board()
    {
        var author = await AddAuthorAsync();
        await AddIdeaAsync(author, "Only idea", votes: 3, daysAgo: 1, PostStatus.Open);

        Navigation.NavigateTo("/?sort=banana&status=nope&category=%3Cscript%3E&mine=maybe&voted=1");
        var board = Render<IdeasPage>();

        board.WaitForAssertion(() => Assert.Equal(["Only idea"], Titles(board)));
    }

    [Fact]
    public async Task Switching_on_my_ideas_writes_it_into_the_address_and_keeps_the_sort()
    {
        var author = await AddAuthorAsync();
        await AddIdeaAsync(author, "Someone's idea", votes: 3, daysAgo: 1, PostStatus.Open);
        Auth.SetAuthorized("clara@example.test");
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, author));
        Navigation.NavigateTo("/?sort=new");
        var board = Render<IdeasPage>();
        board.WaitForAssertion(() => Assert.Single(Titles(board)));

        await board.Find("input[data-testid=board-mine]").ChangeAsync(new() { Value = true });

        var address = new Uri(Navigation.Uri);
        Assert.Contains("sort=new", address.Query, StringComparison.Ordinal);
        Assert.Contains("mine=true", address.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_reads_the_search_from_the_address_and_finds_word_forms()
    {
        var author = await AddAuthorAsync();
        await AddIdeaAsync(author, "Rechnungen als PDF", votes: 3, daysAgo: 1, PostStatus.Open);
        await AddIdeaAsync(author, "Tarif wechseln", votes: 9, daysAgo: 1, PostStatus.Open);

        Navigation.NavigateTo("/?q=Rechnung");
        var board = Render<IdeasPage>();

        board.WaitForAssertion(() => Assert.Equal(["Rechnungen als PDF"], Titles(board)));
        Assert.Equal("Rechnung", board.Find("input[data-testid=board-search]").GetAttribute("value"));
    }

    [Fact]
    public async Task Typing_a_search_writes_it_into_the_address_and_a_miss_invites_a_proposal()
    {
        var author = await AddAuthorAsync();
        await AddIdeaAsync(author, "Tarif wechseln", votes: 9, daysAgo: 1, PostStatus.Open);
        Navigation.NavigateTo("/?sort=top");
        var board = Render<IdeasPage>();
        board.WaitForAssertion(() => Assert.Single(Titles(board)));

        await board.Find("input[data-testid=board-search]").InputAsync(new() { Value = "  Wärmepumpe  " });

        // The box waits for a pause in typing before it searches.
        board.WaitForAssertion(() => Assert.Contains("q=", Navigation.Uri, StringComparison.Ordinal));
        var address = new Uri(Navigation.Uri);
        Assert.Contains("sort=top", address.Query, StringComparison.Ordinal);
        Assert.Contains("q=W%C3%A4rmepumpe", address.Query, StringComparison.Ordinal);
        board.WaitForAssertion(() => Assert.Contains("Wärmepumpe", board.Find("[data-testid=board-empty]").TextContent, StringComparison.Ordinal));
        Assert.Equal("/ideas/new?title=W%C3%A4rmepumpe", board.Find("[data-testid=propose-searched]").GetAttribute("href"));
    }

    [Fact]
    public async Task Choosing_a_sort_and_a_status_writes_both_into_the_address()
    {
        var author = await AddAuthorAsync();
        await AddIdeaAsync(author, "Tarif wechseln", votes: 9, daysAgo: 1, PostStatus.Planned);
        var board = Render<IdeasPage>();
        board.WaitForAssertion(() => Assert.Single(Titles(board)));

        await board.Find("select[data-testid=board-sort]").ChangeAsync(new() { Value = "top" });
        await board.Find("select[data-testid=board-status]").ChangeAsync(new() { Value = "planned" });

        var address = new Uri(Navigation.Uri);
        Assert.Contains("sort=top", address.Query, StringComparison.Ordinal);
        Assert.Contains("status=planned", address.Query, StringComparison.Ordinal);
        board.WaitForAssertion(() => Assert.Equal("top", board.Find("select[data-testid=board-sort]").GetAttribute("value")));
    }

    [Fact]
    public async Task The_search_box_keeps_what_was_typed_while_the_address_gets_it_trimmed()
    {
        var board = Render<IdeasPage>();
        board.WaitForAssertion(() => Assert.NotNull(board.Find("input[data-testid=board-search]")));

        await board.Find("input[data-testid=board-search]").InputAsync(new() { Value = "Tarif " });

        board.WaitForAssertion(() => Assert.Contains("q=Tarif", Navigation.Uri, StringComparison.Ordinal));
        Assert.DoesNotContain("q=Tarif+", Navigation.Uri, StringComparison.Ordinal);
        Assert.Equal("Tarif ", board.Find("input[data-testid=board-search]").GetAttribute("value"));
    }

    [Fact]
    public void Visitors_get_no_personal_filters()
    {
        var board = Render<IdeasPage>();

        board.WaitForAssertion(() => Assert.NotNull(board.Find("[data-testid=board-sort]")));
        Assert.Empty(board.FindAll("[data-testid=board-mine]"));
        Assert.Empty(board.FindAll("[data-testid=board-voted]"));
    }

    private static List<string> Titles(IRenderedComponent<IdeasPage> board) =>
        [.. board.FindAll("[data-testid=post-title]").Select(t => t.TextContent.Trim())];

    private async Task<string> AddAuthorAsync()
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var author = new CareUser { UserName = $"{Guid.NewGuid():N}@example.test", DisplayName = "Author", CustomerSince = DateTime.UtcNow.AddYears(-1) };
        db.Users.Add(author);
        await db.SaveChangesAsync(Ct);
        return author.Id;
    }

    private async Task AddIdeaAsync(string authorId, string title, int votes, int daysAgo, PostStatus status)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var at = DateTime.UtcNow.AddDays(-daysAgo);
        db.Posts.Add(new Post
        {
            Kind = PostKind.Idea, Title = title, Body = "Body.", AuthorId = authorId, CreatedAt = at, UpdatedAt = at,
            Status = status, VoteCount = votes,
        });
        await db.SaveChangesAsync(Ct);
    }
}
