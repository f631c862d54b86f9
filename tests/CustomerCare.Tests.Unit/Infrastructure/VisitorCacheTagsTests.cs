using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Helpful;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Infrastructure.Access;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Http;

namespace CustomerCare.Tests.Unit.Infrastructure;

/// <summary>Which kept visitors' pages each live event evicts, and under which names a page's address files it.</summary>
public sealed class VisitorCacheTagsTests
{
    private static readonly DateTime At = new(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);
    private static readonly AuthorInfo Anna = new("anna", "Anna", null, null, At, IsStaff: false);

    private static Task<IReadOnlyList<string>> Of(LiveEvent liveEvent, string? replyAuthor = "bert") =>
        VisitorCacheTags.Of(liveEvent, _ => ValueTask.FromResult(replyAuthor)).AsTask();

    [Fact]
    public async Task A_vote_evicts_the_idea_and_the_pages_ranked_by_votes_only()
    {
        Assert.Equal(["post:7", VisitorCacheTags.RankedByVotes], await Of(new VoteCountChanged(7, 3, At)));
    }

    [Fact]
    public async Task A_public_reply_evicts_the_post_and_the_pages_ranked_by_replies_an_internal_note_nothing()
    {
        var reply = new ReplyView(1, null, Anna, "Hello", At, null, IsInternalNote: false);

        Assert.Equal(["post:7", VisitorCacheTags.RankedByReplies], await Of(new ReplyAdded(reply, 7, 1, At)));
        Assert.Empty(await Of(new ReplyAdded(reply with { IsInternalNote = true }, 7, 1, At)));
        Assert.Empty(await Of(new ReplyAdded(reply with { IsHeld = true }, 7, 1, At)));
    }

    [Fact]
    public async Task A_helpful_mark_evicts_the_post_and_every_page_that_counts_whom_the_replys_writer_helped()
    {
        Assert.Equal(["post:7", VisitorCacheTags.Person("bert")], await Of(new HelpfulChanged(7, 99, 2, At)));
        Assert.Equal(["post:7"], await Of(new HelpfulChanged(7, 99, 2, At), replyAuthor: null));
    }

    [Fact]
    public async Task Decisions_and_moderation_evict_the_lists_the_post_moves_in_or_out_of()
    {
        Assert.Superset(new HashSet<string> { "post:7", VisitorCacheTags.Board, VisitorCacheTags.Roadmap, VisitorCacheTags.Changelog },
            (await Of(new StatusChanged(7, PostStatus.Open, PostStatus.Planned, "Po", null, null, At))).ToHashSet());
        Assert.Superset(new HashSet<string> { "post:7", VisitorCacheTags.Board, VisitorCacheTags.People }, (await Of(new PostRemoved(7, At))).ToHashSet());
        Assert.Superset(new HashSet<string> { "post:7", VisitorCacheTags.Board, VisitorCacheTags.People }, (await Of(new PostRestored(7, At))).ToHashSet());
        Assert.Superset(new HashSet<string> { "post:7", "post:8", VisitorCacheTags.Board }, (await Of(new PostMerged(7, 8, "Original", At))).ToHashSet());
    }

    [Fact]
    public async Task A_new_idea_evicts_the_board_its_own_address_and_its_authors_profile()
    {
        var card = new PostSummary(9, PostKind.Idea, "New", "", Anna, At, PostStatus.Open, 0, 0, true, false);

        Assert.Equal(["post:9", VisitorCacheTags.Board, VisitorCacheTags.Person("anna")], await Of(new PostCreated(card, At)));
    }

    [Fact]
    public async Task A_role_change_or_an_erased_account_evicts_every_page_a_sign_out_none()
    {
        Assert.Equal([VisitorCacheTags.Everything], await Of(new AccessChanged("anna", AccessChangeReason.RoleChanged, At)));
        Assert.Equal([VisitorCacheTags.Everything], await Of(new AccessChanged("anna", AccessChangeReason.Deleted, At)));
        Assert.Empty(await Of(new AccessChanged("anna", AccessChangeReason.SignedOut, At)));
    }

    [Fact]
    public async Task What_no_visitors_page_shows_evicts_nothing()
    {
        Assert.Empty(await Of(new PresenceAnnounced(7, "server-a", ["visit:1"], At)));
        Assert.Empty(await Of(new FollowChanged("anna", 7, At)));
        Assert.Empty(await Of(new ComplaintActivity(7, ComplaintActivityKind.Escalated, At)));
    }

    [Fact]
    public async Task An_event_kind_the_map_does_not_name_still_evicts_the_pages_of_its_post()
    {
        Assert.Equal(["post:7"], await Of(new PollOpened(7, At)));
        Assert.Equal(["post:8"], await Of(new PollClosed(8, At)));
    }

    [Fact]
    public async Task Pages_changed_without_an_event_of_their_own_evict_what_they_name()
    {
        Assert.Equal([VisitorCacheTags.Team, "person:anna"], await Of(new PublicPagesChanged([VisitorCacheTags.Team, "person:anna"], At)));
    }

    [Theory]
    [InlineData("/", "board")]
    [InlineData("/ideas", "board")]
    [InlineData("/Ideas/", "board")]
    [InlineData("/posts/12", "post:12")]
    [InlineData("/roadmap", "roadmap")]
    [InlineData("/changelog", "changelog")]
    [InlineData("/team", "team")]
    [InlineData("/team/anna", "team person:anna")]
    [InlineData("/people/bert", "people person:bert")]
    [InlineData("/fragments/posts/5", "post:5")]
    [InlineData("/fragments/cards?ids=1,2,x", "post:1 post:2")]
    public void A_visitors_page_is_filed_under_what_its_address_names(string address, string tags)
    {
        var filed = new HashSet<string>();

        Assert.True(VisitorCachePolicy.IsCacheable(Request(address), filed));
        Assert.Equal(tags.Split(' ').Order(), filed.Order());
    }

    [Theory]
    [InlineData("/posts/abc")]
    [InlineData("/posts/0")]
    [InlineData("/ideas/new")]
    [InlineData("/complaints")]
    [InlineData("/Account/Login")]
    [InlineData("/privacy")]
    [InlineData("/api/ideas")]
    [InlineData("/app.css")]
    public void Other_addresses_are_never_kept(string address)
    {
        Assert.False(VisitorCachePolicy.IsCacheable(Request(address), new HashSet<string>()));
    }

    private static HttpRequest Request(string address)
    {
        var uri = new Uri("http://localhost" + address);
        var context = new DefaultHttpContext();
        context.Request.Path = uri.AbsolutePath;
        context.Request.QueryString = new QueryString(uri.Query);
        return context.Request;
    }

    private sealed record PollOpened(int PostId, DateTime OccurredAt) : LiveEvent("poll", OccurredAt);

    private sealed record PollClosed(int Poll, DateTime OccurredAt) : LiveEvent(LiveTopics.Post(Poll), OccurredAt);
}
