using CustomerCare.Data;
using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Moderation;

/// <summary>Closing the open reports of a target, inside the transaction of the decision that closes them.</summary>
internal static class OpenReports
{
    /// <summary>The open reports of exactly this target: the post itself (<paramref name="replyId"/> null) or one reply.</summary>
    public static Task<int> ResolveTargetAsync(
        CareDb db, int postId, long? replyId, ReportResolution resolution, string byId, DateTime at, CancellationToken ct) =>
        Resolve(db.Reports.Where(r => r.PostId == postId && r.ReplyId == replyId && r.ResolvedAt == null), resolution, byId, at, ct);

    /// <summary>Every open report of a post and its replies: a removed post takes its thread with it.</summary>
    public static Task<int> ResolvePostAsync(CareDb db, int postId, ReportResolution resolution, string byId, DateTime at, CancellationToken ct) =>
        Resolve(db.Reports.Where(r => r.PostId == postId && r.ResolvedAt == null), resolution, byId, at, ct);

    private static Task<int> Resolve(IQueryable<Report> open, ReportResolution resolution, string byId, DateTime at, CancellationToken ct) =>
        open.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ResolvedAt, at)
            .SetProperty(r => r.ResolvedById, byId)
            .SetProperty(r => r.Resolution, resolution)
            .SetProperty(r => r.OpenKey, (string?)null), ct);
}
