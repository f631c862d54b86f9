using System.Globalization;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Components.Shared;
using CustomerCare.Web.Resources;

namespace CustomerCare.Web.Features.Notifications;

/// <summary>The category of a NewIdea notification in both languages; the reader's language picks one.</summary>
public sealed record CategoryNames(string English, string German);

/// <summary>
/// The facts of one notification as stored, plus the names they point to: the post's title, who acted
/// (<paramref name="ActorName"/>, null for the portal), the post's author (for "idea by …") and, for NewIdea, its category.
/// </summary>
public sealed record NotificationFacts(
    NotificationKind Kind, int PostId, long? ReplyId, string PostTitle, string? ActorName, string? AuthorName, string? Detail,
    CategoryNames? Category = null);

/// <summary>
/// A notification as a reader sees it: the post's <paramref name="Title"/>, one sentence (<paramref name="Text"/>), the
/// product owner's <paramref name="Note"/> if any, and the relative <paramref name="Link"/> to the exact place.
/// </summary>
public sealed record RenderedNotification(string Title, string Text, string? Note, string Link);

/// <summary>
/// The one place a notification becomes words, for the bell's list and for mails alike:
/// <c>NotificationText.Render(facts, culture)</c> gives the text in that culture (English or German; anything else
/// falls back to English) and a link relative to the portal's root, e.g. <c>/posts/42#reply-7</c>. Names and titles as
/// stored (a deleted account's, an anonymized complaint's) are shown in that culture too.
/// </summary>
public static class NotificationText
{

    public static RenderedNotification Render(NotificationFacts facts, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(culture);
        var detail = NotificationDetail.Parse(facts.Detail);
        var title = PostTitle.Shown(facts.PostTitle, culture);
        var actor = facts.ActorName is { } actorName ? PersonName.Shown(actorName, culture) : Get("Notification_Someone", culture);
        var author = facts.AuthorName is { } authorName ? PersonName.Shown(authorName, culture) : actor;
        var text = facts.Kind switch
        {
            NotificationKind.Reply => Format("Notification_Reply", culture, actor, title),
            NotificationKind.StatusChanged => Format("Notification_StatusChanged", culture, title,
                detail.Status is { } status ? Get($"Status_{status}", culture) : Get("Status_Open", culture)),
            NotificationKind.Shipped when detail.Release is { } release =>
                Format("Notification_ShippedIn", culture, release, title, author),
            NotificationKind.Shipped => Format("Notification_Shipped", culture, title, author),
            NotificationKind.ComplaintOwner => Format("Notification_ComplaintOwner", culture, actor, title),
            NotificationKind.ResolutionProposed => Format("Notification_ResolutionProposed", culture, actor, title),
            NotificationKind.NewIdea => Format("Notification_NewIdea", culture, CategoryName(facts.Category, culture), title),
            NotificationKind.Escalated => Format("Notification_Escalated", culture, title),
            NotificationKind.Endorsed => Format("Notification_Endorsed", culture, actor, title),
            NotificationKind.Answered => Format("Notification_Answered", culture, actor, title),
            NotificationKind.Mentioned => Format("Notification_Mentioned", culture, actor, title),
            NotificationKind.Thanked => Format(facts.ReplyId is null ? "Notification_ThankedSolution" : "Notification_Thanked", culture, actor, title),
            _ => title,
        };
        return new(title, text, detail.Note, Link(facts.PostId, facts.ReplyId));
    }

    /// <summary>The post's page, at the reply when there is one (ReplyItem renders <c>id="reply-{id}"</c>).</summary>
    public static string Link(int postId, long? replyId) =>
        replyId is { } reply ? $"/posts/{postId}#reply-{reply}" : $"/posts/{postId}";

    private static string CategoryName(CategoryNames? category, CultureInfo culture) =>
        category is null ? "" : culture.TwoLetterISOLanguageName == "de" ? category.German : category.English;

    private static string Get(string key, CultureInfo culture) => StringsIn.Get(key, culture);

    private static string Format(string key, CultureInfo culture, params object[] args) =>
        string.Format(culture, Get(key, culture), args);
}
