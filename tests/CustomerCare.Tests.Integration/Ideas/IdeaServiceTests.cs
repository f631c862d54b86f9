using System.Collections.Concurrent;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Ideas;

/// <summary>
/// Proposing an idea: checked in the service, saved, announced on the board; similar ideas found first. Over portals
/// without demo data: every test adds the people and ideas it searches for.
/// </summary>
public abstract class IdeaServiceTests(PortalFactory portal)
{
    private const string GoodBody = "It would save me a trip to the cellar every month.";

    private readonly TestContent content = new(portal);

    private IdeaService Ideas => portal.Services.GetRequiredService<IdeaService>();

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_visitor_is_asked_to_sign_in_and_nothing_is_saved()
    {
        var title = $"Anonymous idea {Guid.NewGuid():N}";

        var result = await Ideas.ProposeAsync(new ProposeIdea(title, GoodBody, null), Viewer.Anonymous, Ct);

        Assert.Equal(ProposeOutcome.SignInRequired, result.Outcome);
        Assert.Null(result.PostId);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        Assert.False(await db.Posts.AnyAsync(p => p.Title == title, Ct));
    }

    public static TheoryData<string, string, string> InvalidInput() => new()
    {
        { "  Abc  ", GoodBody, nameof(ProposeIdea.Title) },
        { new string('x', Data.Entities.Post.TitleMaxLength + 1), GoodBody, nameof(ProposeIdea.Title) },
        { "A perfectly fine title", new string('b', Data.Entities.Post.BodyMaxLength + 1), nameof(ProposeIdea.Body) },
        { "A perfectly fine title", "   ", nameof(ProposeIdea.Body) },
    };

    [Theory]
    [MemberData(nameof(InvalidInput))]
    public async Task Invalid_title_or_body_is_refused_at_its_field_and_nothing_is_saved(string title, string body, string field)
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);

        var result = await Ideas.ProposeAsync(new ProposeIdea(title, body, null), customer, Ct);

        Assert.Equal(ProposeOutcome.Invalid, result.Outcome);
        Assert.Equal([field], result.Errors.Keys);
        Assert.StartsWith("Propose_", result.Errors[field], StringComparison.Ordinal);
        Assert.Equal(0, await PostsByAsync(customer.UserId!));
    }

    [Fact]
    public async Task Title_of_exactly_the_limits_after_trimming_is_accepted()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);

        var shortest = await Ideas.ProposeAsync(new ProposeIdea("  Abcde  ", GoodBody, null), customer, Ct);
        var longest = await Ideas.ProposeAsync(new ProposeIdea(new string('y', Data.Entities.Post.TitleMaxLength), GoodBody, null), customer, Ct);

        Assert.Equal(ProposeOutcome.Created, shortest.Outcome);
        Assert.Equal(ProposeOutcome.Created, longest.Outcome);
        Assert.Equal(2, await PostsByAsync(customer.UserId!));
    }

    [Fact]
    public async Task Unknown_category_is_refused_and_nothing_is_saved()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);

        var result = await Ideas.ProposeAsync(new ProposeIdea("Dark mode for the bill", GoodBody, 9_999), customer, Ct);

        Assert.Equal(ProposeOutcome.Invalid, result.Outcome);
        Assert.Equal(PostErrors.CategoryUnknown, result.Errors[nameof(ProposeIdea.CategoryId)]);
        Assert.Equal(0, await PostsByAsync(customer.UserId!));
    }

    [Fact]
    public async Task Valid_proposal_is_saved_open_with_author_and_category_and_announced_on_the_board()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var announced = new ConcurrentQueue<PostCreated>();
        using var subscription = portal.Services.GetRequiredService<ILiveBus>().Subscribe(LiveTopics.Board(PostKind.Idea), e =>
        {
            if (e is PostCreated created)
            {
                announced.Enqueue(created);
            }

            return Task.CompletedTask;
        });
        var title = $"Tariff alarm {Guid.NewGuid():N}";

        var result = await Ideas.ProposeAsync(new ProposeIdea($"  {title} ", "  Tell me when a **cheaper** tariff fits.  ", 4), customer, Ct);

        Assert.Equal(ProposeOutcome.Created, result.Outcome);
        Assert.Empty(result.Errors);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var saved = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == result.PostId, Ct);
        Assert.Equal((PostKind.Idea, PostStatus.Open, customer.UserId, 4, title), (saved.Kind, saved.Status, saved.AuthorId, saved.CategoryId, saved.Title));
        Assert.Equal("Tell me when a **cheaper** tariff fits.", saved.Body);
        Assert.Equal(0, saved.VoteCount);
        Assert.Equal(saved.CreatedAt, saved.UpdatedAt);
        Assert.Equal(DateTimeKind.Utc, saved.CreatedAt.Kind);

        var created = Assert.Single(announced, e => e.Post.Id == result.PostId);
        Assert.Equal(title, created.Post.Title);
        Assert.Equal(PostKind.Idea, created.Post.Kind);
        Assert.Equal(PostStatus.Open, created.Post.Status);
        Assert.Equal(customer.UserId, created.Post.Author.Id);
        Assert.Equal("Tell me when a cheaper tariff fits.", created.Post.Excerpt);
        Assert.Equal(0, created.Post.VoteCount);
        Assert.False(created.Post.VotedByViewer);
        Assert.Equal(saved.CreatedAt, created.Post.CreatedAt);
        Assert.True((created.OccurredAt - saved.CreatedAt).Duration() < TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Similar_ideas_are_found_by_a_shared_German_word_whatever_the_case()
    {
        var unique = Unique();
        var id = await AddIdeaAsync($"Zählerstand im {unique} ablesen", "Bitte per App.", votes: 0);
        var umlaut = await AddIdeaAsync($"Ärger{unique} mit dem Abschlag", "Zu hoch.", votes: 0);

        var byWord = await Ideas.FindSimilarAsync($"ZÄHLERSTAND für {unique.ToUpperInvariant()}", Viewer.Anonymous, Ct);
        var byCapitalUmlaut = await Ideas.FindSimilarAsync($"ärger{unique}", Viewer.Anonymous, Ct);

        Assert.Equal(id, byWord[0].Id);
        Assert.Equal(umlaut, Assert.Single(byCapitalUmlaut).Id);
    }

    [Fact]
    public async Task Similar_ideas_are_found_by_English_words_in_title_or_body_and_ranked_by_shared_words_then_votes()
    {
        var unique = Unique();
        var popular = await AddIdeaAsync("Reading reminder", $"Remind me before the {unique} check is due.", votes: 40);
        var best = await AddIdeaAsync($"Meter reading by photo ({unique})", "Just a photo.", votes: 1);
        var unrelated = await AddIdeaAsync($"Paperless bills {Unique()}", "No more letters.", votes: 90);

        var similar = await Ideas.FindSimilarAsync($"The meter reading {unique}", Viewer.Anonymous, Ct);

        // The other tests' ideas may come between; these two must come in this order.
        var ids = similar.Select(s => s.Id).ToList();
        Assert.Equal(best, ids[0]);
        Assert.Contains(popular, ids);
        Assert.DoesNotContain(unrelated, ids);
        var offered = similar.Single(s => s.Id == popular);
        Assert.Equal((40, PostStatus.Open), (offered.VoteCount, offered.Status));
    }

    [Fact]
    public async Task Similar_ideas_are_at_most_five()
    {
        var unique = Unique();
        for (var i = 0; i < 7; i++)
        {
            await AddIdeaAsync($"Idea {unique} number {i}", "Same word.", votes: i);
        }

        var similar = await Ideas.FindSimilarAsync(unique, Viewer.Anonymous, Ct);

        Assert.Equal(5, similar.Count);
        Assert.Equal([6, 5, 4, 3, 2], similar.Select(s => s.VoteCount));
    }

    [Fact]
    public async Task Similar_ideas_never_include_a_complaint_private_or_public()
    {
        var unique = Unique();
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var privateComplaint = await content.AddPostAsync(PostKind.Complaint, customer.UserId!, Ct, isPublic: false);
        var publicComplaint = await content.AddPostAsync(PostKind.Complaint, customer.UserId!, Ct);
        await RetitleAsync(privateComplaint, $"Abrechnung {unique} falsch");
        await RetitleAsync(publicComplaint, $"Abrechnung {unique} doppelt");
        var idea = await AddIdeaAsync($"Abrechnung {unique} erklären", "Bitte verständlicher.", votes: 0);

        var asStranger = await Ideas.FindSimilarAsync($"Abrechnung {unique}", Viewer.Anonymous, Ct);
        var asAuthor = await Ideas.FindSimilarAsync($"Abrechnung {unique}", customer, Ct);

        Assert.Equal(idea, asStranger[0].Id);
        Assert.All(asStranger.Concat(asAuthor), s => Assert.Equal(PostKind.Idea, s.Kind));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("an of to")]
    [InlineData("und die der")]
    public async Task Titles_without_significant_words_offer_nothing(string title)
    {
        Assert.Empty(await Ideas.FindSimilarAsync(title, Viewer.Anonymous, Ct));
    }

    [Fact]
    public async Task Categories_are_named_in_the_reader_language()
    {
        var original = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new("de-DE");
            var german = await portal.Services.GetRequiredService<Web.Features.Posts.CategoryService>().ListAsync(Ct);
            System.Globalization.CultureInfo.CurrentUICulture = new("en-US");
            var english = await portal.Services.GetRequiredService<Web.Features.Posts.CategoryService>().ListAsync(Ct);

            Assert.Equal(6, english.Count);
            Assert.Equal(english.Select(c => c.Id), german.Select(c => c.Id));
            Assert.Contains(english, c => c.Slug == "billing");
            Assert.Contains(english, c => c.Name == "Billing and payments");
            Assert.Contains(german, c => c.Name == "Rechnung und Zahlung");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = original;
        }
    }

    private static string Unique() => $"q{Guid.NewGuid():N}"[..14];

    private async Task<int> PostsByAsync(string userId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.Posts.CountAsync(p => p.AuthorId == userId, Ct);
    }

    private async Task<int> AddIdeaAsync(string title, string body, int votes)
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var id = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        await db.Posts.Where(p => p.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(p => p.Title, title).SetProperty(p => p.Body, body).SetProperty(p => p.VoteCount, votes), Ct);
        return id;
    }

    private async Task RetitleAsync(int postId, string title)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        await db.Posts.Where(p => p.Id == postId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Title, title), Ct);
    }
}

public sealed class SqliteIdeaServiceTests(EmptyPortalFactory portal) : IdeaServiceTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresIdeaServiceTests(EmptyPostgresPortalFactory portal) : IdeaServiceTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
