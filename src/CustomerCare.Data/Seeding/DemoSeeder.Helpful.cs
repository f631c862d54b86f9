using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Data.Seeding;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// Helpful marks as the demo's readers gave them: a customer's answer in a public thread helped its asker and one to
    /// four other customers; every third answer of the team helped its asker. Each reply's count is then its marks. The
    /// customers' answers that helped four or more are endorsed by the longest-serving member of the team; on an idea, the
    /// customer's answer that helped most (three or more) is the one its author accepted as the answer.
    /// </summary>
    private static async Task SeedHelpfulAsync(CareDb db, DateTime now, CancellationToken ct)
    {
        var staff = (await db.StaffUserIds.ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var customers = (await db.Users.Where(u => u.DeletedAt == null && u.DisplayName != CareUser.FormerCustomerName)
            .OrderBy(u => u.CustomerSince).ThenBy(u => u.Id).Select(u => u.Id).ToListAsync(ct)).Where(id => !staff.Contains(id)).ToList();
        var replies = await db.Replies.Where(r => !r.IsInternalNote && r.HeldAt == null && r.HiddenAt == null
                && r.Post!.IsPublic && r.Post.RemovedAt == null && r.Post.HeldAt == null)
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.AuthorId, PostAuthorId = r.Post!.AuthorId, r.CreatedAt }).ToListAsync(ct);
        if (customers.Count == 0)
        {
            return;
        }

        var marks = new List<HelpfulMark>();
        foreach (var (reply, i) in replies.Select((r, i) => (r, i)))
        {
            IEnumerable<string> readers = staff.Contains(reply.AuthorId)
                ? i % 3 == 0 ? [reply.PostAuthorId] : []
                : customers.Skip(i % customers.Count).Take(1 + (i % 4)).Prepend(reply.PostAuthorId);
            marks.AddRange(readers.Distinct(StringComparer.Ordinal).Where(reader => reader != reply.AuthorId).Select((reader, k) => new HelpfulMark
            {
                ReplyId = reply.Id, UserId = reader, ReplyAuthorId = reply.AuthorId, ByCustomer = !staff.Contains(reader),
                At = reply.CreatedAt.AddHours(1 + k) < now ? reply.CreatedAt.AddHours(1 + k) : now,
            }));
        }

        db.HelpfulMarks.AddRange(marks);
        await db.SaveChangesAsync(ct);
        await db.Replies.Where(r => db.HelpfulMarks.Any(m => m.ReplyId == r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HelpfulCount, r => db.HelpfulMarks.Count(m => m.ReplyId == r.Id)), ct);
        var endorser = await db.Users.Where(u => db.StaffUserIds.Contains(u.Id)).OrderBy(u => u.CustomerSince).ThenBy(u => u.Id).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (endorser is not null)
        {
            var staffIds = db.StaffUserIds;
            await db.Replies.Where(r => r.HelpfulCount >= 4 && !staffIds.Contains(r.AuthorId))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.EndorsedById, endorser).SetProperty(r => r.EndorsedAt, r => r.CreatedAt.AddHours(3)), ct);
        }

        var byCustomers = replies.Where(r => !staff.Contains(r.AuthorId) && r.AuthorId != r.PostAuthorId).Select(r => r.Id).ToHashSet();
        var answers = (await db.Replies.Where(r => r.HelpfulCount >= 3 && r.Post!.Kind == PostKind.Idea)
                .Select(r => new { r.Id, r.PostId, r.Post!.AuthorId, r.HelpfulCount, r.CreatedAt }).ToListAsync(ct))
            .Where(r => byCustomers.Contains(r.Id))
            .GroupBy(r => r.PostId, (_, candidates) => candidates.OrderByDescending(r => r.HelpfulCount).ThenBy(r => r.Id).First());
        foreach (var answer in answers)
        {
            var at = answer.CreatedAt.AddHours(2) < now ? answer.CreatedAt.AddHours(2) : now;
            await db.Posts.Where(p => p.Id == answer.PostId).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.AnswerId, answer.Id).SetProperty(p => p.AnswerMarkedById, answer.AuthorId).SetProperty(p => p.AnswerMarkedAt, at), ct);
        }
    }
}
