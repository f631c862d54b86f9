using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using CustomerCare.Web.Features.Answers;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Helpful;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.SolvesIt;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure.Access;
using CustomerCare.Web.Live;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// The names a cached visitor's page is filed under, and (<see cref="Of"/>) which of them each live event evicts. A page
/// files itself under what it shows (<see cref="VisitorCache.Tag"/>); the policy adds what its address makes plain.
/// </summary>
public static class VisitorCacheTags
{
    /// <summary>Every cached page: evicted whole by the rare changes that show everywhere (a role, an erased account).</summary>
    public const string Everything = "visitor";

    /// <summary>Every page of the ideas board, whatever its sort and filters (a new idea, a status that moves it between filters).</summary>
    public const string Board = "board";

    /// <summary>Pages whose choice or order of ideas follows their votes: the board by trend or by votes, a full roadmap.</summary>
    public const string RankedByVotes = "ranked:votes";

    /// <summary>Pages whose choice or order of ideas follows their replies: the board by trend or by discussion.</summary>
    public const string RankedByReplies = "ranked:replies";

    public const string Roadmap = "roadmap";

    public const string Changelog = "changelog";

    /// <summary>The team page and every team member's profile.</summary>
    public const string Team = "team";

    /// <summary>Every customer's public profile.</summary>
    public const string People = "people";

    /// <summary>Every page that shows the post (its own, a card, a line on a roadmap or profile): the same name as its live topic.</summary>
    public static string Post(int postId) => LiveTopics.Post(postId);

    /// <summary>Every page that shows the person with what they did (their profile, a thread where their helped count shows).</summary>
    public static string Person(string userId) => $"person:{userId}";

    /// <summary>
    /// The one map from live events to the pages they make stale. Frequent events (votes, replies, marks) evict exactly
    /// the pages that show their post; rare ones (decisions, moderation, roles) evict whole kinds of pages. An event not
    /// named here that concerns a post still evicts that post's pages (<see cref="PostOf"/>), so a new kind of event
    /// cannot leave a stale page. <paramref name="authorOfReply"/> names who wrote a reply, for the events that do not carry it
    /// (null: the reply is gone).
    /// </summary>
    public static async ValueTask<IReadOnlyList<string>> Of(LiveEvent liveEvent, Func<long, ValueTask<string?>> authorOfReply)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        ArgumentNullException.ThrowIfNull(authorOfReply);
        switch (liveEvent)
        {
            // Who reads or writes, who follows, whose bell, whose archive: nothing a visitor's page shows.
            case PresenceAnnounced or TypingChanged or NotificationsChanged or FollowChanged or ArchiveProgressed:
            // Staff-only queues (the desk, moderation): what they change on a page arrives as its own event below.
            case ComplaintActivity or ReportFiled or ModerationDecided or HeldForApproval or PersonBlocked or PersonUnblocked:
                return [];
            case AccessChanged access:
                // A new role changes author badges everywhere and the team; an erased account its name everywhere.
                return access.Reason is AccessChangeReason.RoleChanged or AccessChangeReason.Deleted ? [Everything] : [];
            case PublicPagesChanged changed:
                return changed.Tags;

            case VoteCountChanged votes:
                return [Post(votes.PostId), RankedByVotes];
            case ReplyAdded added:
                return Public(added.Reply) ? [Post(added.PostId), RankedByReplies] : [];
            case ReplyEdited edited:
                return Public(edited.Reply) ? [Post(edited.PostId)] : [];
            case ReplyHidden hidden:
                return hidden.StaffOnly ? [] : [Post(hidden.PostId)];
            case ReplyRestored restored:
                // Back in its author's list of helpful answers, which did not show it while hidden.
                return Public(restored.Reply) ? [Post(restored.PostId), Person(restored.Reply.Author.Id)] : [];
            case HelpfulChanged helpful:
                // The author's "helped" count shows on their profile and in every thread they wrote in.
                return await authorOfReply(helpful.ReplyId) is { } author ? [Post(helpful.PostId), Person(author)] : [Post(helpful.PostId)];
            case PostCreated created:
                return [Post(created.Post.Id), Board, Person(created.Post.Author.Id)];
            case StatusChanged status:
                return [Post(status.PostId), Board, Roadmap, Changelog];
            case PostEdited edited:
                return [Post(edited.PostId), Board, Roadmap, Changelog];
            case PostRemoved or PostRestored or PostApproved:
                // In or out of every list, its author's and its helpers' profiles included.
                return [Post(PostOf(liveEvent)!.Value), Board, Roadmap, Changelog, People];
            case PostMerged merged:
                return [Post(merged.DuplicateId), Post(merged.OriginalId), Board, Roadmap, Changelog, People];
            case ComplaintIdeaLinked linked:
                // The idea's page lists the complaints that led to it for staff only: a visitor's page of it is unchanged.
                return [Post(linked.ComplaintId)];
            case AnswerMarked or OfficialAnswerChanged or ReplyEndorsed or SolvesItChanged or ComplaintOwnerChanged or ComplaintRated:
                return [Post(PostOf(liveEvent)!.Value)];
            default:
                return PostOf(liveEvent) is { } postId ? [Post(postId)] : [];
        }
    }

    private static bool Public(ReplyView reply) => !reply.IsInternalNote && !reply.IsHeld;

    private static readonly ConcurrentDictionary<Type, PropertyInfo?> PostIdProperties = new();

    /// <summary>The post an event is about: its <c>PostId</c>, or the post its topic names (<c>post:7</c>, <c>post:7:staff</c>).</summary>
    internal static int? PostOf(LiveEvent liveEvent)
    {
        var property = PostIdProperties.GetOrAdd(liveEvent.GetType(), static type =>
            type.GetProperty("PostId", BindingFlags.Public | BindingFlags.Instance) is { PropertyType: var t } p && t == typeof(int) ? p : null);
        if (property?.GetValue(liveEvent) is int id)
        {
            return id;
        }

        var parts = liveEvent.Topic.Split(':');
        return parts.Length >= 2 && parts[0] == "post" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var fromTopic)
            ? fromTopic
            : null;
    }
}

/// <summary>
/// Something changed that visitors' pages show but that no other event announces (a thank-you on a team member's
/// profile, a retention pass): every server evicts <paramref name="Tags"/> (<see cref="VisitorCacheTags"/>). No page
/// subscribes to its topic.
/// </summary>
public sealed record PublicPagesChanged(IReadOnlyList<string> Tags, DateTime OccurredAt) : LiveEvent(PublicPagesChanged.TopicName, OccurredAt)
{
    public const string TopicName = "public-pages";
}
