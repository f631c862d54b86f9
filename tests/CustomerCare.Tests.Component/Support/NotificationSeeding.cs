using CustomerCare.Data;
using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Tests.Component.Support;

/// <summary>Notifications written straight into a test's database, for the bell and the list.</summary>
internal static class NotificationSeeding
{
    /// <summary>
    /// <paramref name="count"/> unread Reply notifications for <paramref name="userId"/> on <paramref name="postId"/>,
    /// oldest first, saved one by one so their ids rise with their time; returns the ids.
    /// </summary>
    public static async Task<List<long>> AddAsync(
        IDbContextFactory<CareDb> dbs, string userId, int postId, int count, CancellationToken ct, long? replyId = null, string? actorId = null)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var at = DateTime.UtcNow;
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var row = new Notification
            {
                UserId = userId, Kind = NotificationKind.Reply, PostId = postId, ReplyId = replyId, ActorId = actorId, CreatedAt = at.AddSeconds(i),
            };
            db.Notifications.Add(row);
            await db.SaveChangesAsync(ct);
            ids.Add(row.Id);
        }

        return ids;
    }
}
