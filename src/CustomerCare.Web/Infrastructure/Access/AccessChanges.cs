using System.Security.Cryptography;
using CustomerCare.Data;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Infrastructure.Access;

/// <summary>
/// Ends every session of a person at once, the one thing a role change, a sign-out, a password reset (and later a
/// block) all need: a new security stamp, so every cookie issued before is refused at its next request
/// (<see cref="SecurityStampCheck"/>), then <see cref="AccessChanged"/> on the person's topic, so their open pages sign
/// them out within moments and their hub connections are closed and must join again under the new rights.
/// </summary>
public sealed partial class AccessChanges(IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, ILogger<AccessChanges> log)
{
    public async Task EndSessionsAsync(string userId, AccessChangeReason reason, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var stamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            // Identity's stores compare ConcurrencyStamp on update: a new one makes a stale copy elsewhere fail loudly
            // instead of writing the old stamp back.
            var changed = await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(
                s => s.SetProperty(u => u.SecurityStamp, stamp).SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
            if (changed == 0)
            {
                return;
            }
        }

        LogEnded(userId, reason);
        await bus.PublishAsync(new AccessChanged(userId, reason, time.GetUtcNow().UtcDateTime), ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sessions of {UserId} ended ({Reason}): new security stamp, open pages and hub connections told")]
    private partial void LogEnded(string userId, AccessChangeReason reason);
}
