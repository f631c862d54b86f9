using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Features.Mentions;

/// <summary>
/// Tells the people a reply mentions, after the reply is committed (as every notification is). Who may hear of it is the
/// fan-out's rule (<see cref="NotificationService"/>): only people who may read the post and the reply, so a customer
/// mentioned in someone else's private complaint or in an internal note hears nothing, nor does anyone while the reply
/// waits for approval (approving it calls this again); never the writer.
/// </summary>
public sealed class MentionNotifier(MarkdownRenderer markdown, NotificationService notifications)
{
    /// <summary>
    /// Notifies whom <paramref name="body"/> mentions and <paramref name="before"/> (the text before an edit) did not,
    /// at most <see cref="MentionToken.MaxNotified"/> people, leaving out <paramref name="spared"/> (who hears of the
    /// reply otherwise, as a complaint's customer hears of a proposal). Returns whom the mention is meant for, so the
    /// followers' <see cref="NotificationKind.Reply"/> leaves them out: one notification per person and reply.
    /// </summary>
    public async Task<IReadOnlyList<string>> NotifyAsync(
        int postId, long replyId, string actorId, string body, string? before = null, string? spared = null)
    {
        var earlier = markdown.MentionedIds(before).ToHashSet(StringComparer.Ordinal);
        var named = markdown.MentionedIds(body).Where(id => !earlier.Contains(id) && id != actorId && id != spared)
            .Take(MentionToken.MaxNotified).ToList();
        if (named.Count > 0)
        {
            await notifications.NotifyAsync(new(NotificationKind.Mentioned, postId, actorId, replyId) { Named = named });
        }

        return named;
    }
}
