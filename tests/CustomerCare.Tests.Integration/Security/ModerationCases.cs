using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Admin;
using CustomerCare.Web.Features.Moderation;
using Microsoft.EntityFrameworkCore;
using static CustomerCare.Tests.Integration.Security.ServiceCase;

namespace CustomerCare.Tests.Integration.Security;

/// <summary>The matrix's rows for reports, the moderation queue, hiding and holding, blocks and the security log.</summary>
internal static class ModerationCases
{
    private static readonly Persona[] Reporters = [Persona.Customer, Persona.AnotherCustomer, Persona.Staff, Persona.ProductOwner, Persona.Admin];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static IEnumerable<ServiceCase> All() =>
    [
        // Anyone signed in reports what they may see, but not their own words.
        Of("ReportService.ReportAsync", Reporters, async (c, p) =>
            (await c.Get<ReportService>().ReportAsync(new(await c.IdeaAsync(), null, ReportReason.Spam, null), c.Viewer(p), Ct)).Succeeded),
        Of("ReportService.DismissAsync", WorksHere, async (c, p) =>
        {
            var idea = await c.IdeaAsync();
            Assert.True((await c.Get<ReportService>().ReportAsync(new(idea, null, ReportReason.Spam, null), c.Viewer(Persona.Customer), Ct)).Succeeded);
            return (await c.Get<ReportService>().DismissAsync(idea, null, c.Viewer(p), Ct)).Succeeded;
        }),
        Of("ModerationQueueService.ListAsync", WorksHere, (c, p) =>
            Permitted(() => c.Get<ModerationQueueService>().ListAsync(c.Viewer(p), Ct))),
        Of("ReplyModerationService.HideAsync", WorksHere, async (c, p) =>
        {
            var reply = await c.ReplyAsync(await c.IdeaAsync(), Persona.Customer);
            return (await c.Get<ReplyModerationService>().HideAsync(reply, "Advertising.", c.Viewer(p), Ct)).Succeeded;
        }),
        Of("ReplyModerationService.RestoreAsync", WorksHere, async (c, p) =>
        {
            var reply = await c.ReplyAsync(await c.IdeaAsync(), Persona.Customer);
            await using (var db = await c.DbAsync())
            {
                await db.Replies.Where(r => r.Id == reply).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.HiddenAt, DateTime.UtcNow)
                    .SetProperty(r => r.HiddenById, c.Person(Persona.Staff).Id)
                    .SetProperty(r => r.HiddenReason, "Advertising."), Ct);
            }

            return (await c.Get<ReplyModerationService>().RestoreAsync(reply, null, c.Viewer(p), Ct)).Succeeded;
        }),
        Of("HoldReviewService.ApproveAsync", WorksHere, async (c, p) =>
            (await c.Get<HoldReviewService>().ApproveAsync(await HeldIdeaAsync(c), null, c.Viewer(p), Ct)).Succeeded),
        Of("HoldReviewService.RejectAsync", WorksHere, async (c, p) =>
            (await c.Get<HoldReviewService>().RejectAsync(await HeldIdeaAsync(c), null, "Advertising.", c.Viewer(p), Ct)).Succeeded),
        Of("BlockService.BlockAsync", WorksHere, async (c, p) =>
        {
            var someone = await c.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
            return (await c.Get<BlockService>().BlockAsync(someone.Id, "Insults in every reply.", c.Viewer(p), Ct)).Succeeded;
        }),
        Of("BlockService.UnblockAsync", WorksHere, async (c, p) =>
        {
            var someone = await c.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
            Assert.True((await c.Get<BlockService>().BlockAsync(someone.Id, "Insults.", c.Viewer(Persona.Admin), Ct)).Succeeded);
            return (await c.Get<BlockService>().UnblockAsync(someone.Id, c.Viewer(p), Ct)).Succeeded;
        }),
        Of("SecurityEventService.ListAsync", [Persona.Admin], (c, p) =>
            Permitted(() => c.Get<SecurityEventService>().ListAsync(c.Viewer(p), null, 0, 20, Ct))),
    ];

    private static async Task<int> HeldIdeaAsync(Cast c)
    {
        var idea = await c.IdeaAsync();
        await using var db = await c.DbAsync();
        await db.Posts.Where(x => x.Id == idea).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.HeldAt, DateTime.UtcNow)
            .SetProperty(x => x.HoldReason, HoldReason.Links), Ct);
        return idea;
    }
}
