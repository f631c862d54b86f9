using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Staff;
using Microsoft.EntityFrameworkCore;
using static CustomerCare.Tests.Integration.Security.ServiceCase;

namespace CustomerCare.Tests.Integration.Security;

/// <summary>The matrix's rows for complaints (filing, the owner, the end, the idea it led to) and the staff desk.</summary>
internal static class ComplaintCases
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static IEnumerable<ServiceCase> All() =>
    [
        Of("ComplaintService.FileAsync", SignedIn, async (c, p) =>
            (await c.Get<ComplaintService>().FileAsync(new("Matrix complaint", "It broke.", ComplaintMood.Angry, null, false), c.Viewer(p), Ct))
                .Outcome == ProposeOutcome.Created),
        Of("ComplaintService.ListAsync", AuthorAndWorksHere, async (c, p) =>
        {
            var complaint = await c.ComplaintAsync();
            return (await c.Get<ComplaintService>().ListAsync(c.Viewer(p), Ct)).Any(x => x.Id == complaint);
        }),
        Of("ComplaintService.GetDetailsAsync", AuthorAndWorksHere, async (c, p) =>
            await c.Get<ComplaintService>().GetDetailsAsync(await c.ComplaintAsync(), c.Viewer(p), Ct) is not null),
        Of("ComplaintOwnershipService.ClaimAsync", WorksHere, async (c, p) =>
            (await c.Get<ComplaintOwnershipService>().ClaimAsync(await c.ComplaintAsync(), c.Viewer(p), ct: Ct)).Outcome
                is OwnershipOutcome.Done or OwnershipOutcome.Unchanged),
        Of("ComplaintOwnershipService.ReassignAsync", WorksHere, async (c, p) =>
        {
            // Handed to the staff member who owns it already: Unchanged is as much a yes as Done.
            var complaint = await c.ComplaintAsync();
            var result = await c.Get<ComplaintOwnershipService>().ReassignAsync(complaint, c.Person(Persona.Staff).Id, "Knows the contract", c.Viewer(p), ct: Ct);
            return result.Outcome is OwnershipOutcome.Done or OwnershipOutcome.Unchanged;
        }),
        Of("ComplaintOwnershipService.ListColleaguesAsync", WorksHere, async (c, p) =>
            (await c.Get<ComplaintOwnershipService>().ListColleaguesAsync(c.Viewer(p), Ct)).Count > 0),
        Of("ComplaintResolutionService.ProposeAsync", [Persona.Staff], async (c, p) =>
            (await c.Get<ComplaintResolutionService>().ProposeAsync(await c.ComplaintAsync(), "Refunded.", c.Viewer(p), Ct)).Succeeded),
        Of("ComplaintResolutionService.ConfirmAsync", [Persona.Author], async (c, p) =>
            (await c.Get<ComplaintResolutionService>().ConfirmAsync(await c.ComplaintAsync(), c.Viewer(p), Ct)).Succeeded),
        Of("ComplaintResolutionService.RateAsync", [Persona.Author], async (c, p) =>
        {
            var complaint = await c.ComplaintAsync();
            await SetAsync(c, complaint, PostStatus.Solved, ComplaintOutcome.ConfirmedByCustomer);
            return (await c.Get<ComplaintResolutionService>().RateAsync(complaint, 5, "Thanks.", c.Viewer(p), Ct)).Succeeded;
        }),
        Of("ComplaintResolutionService.ReopenAsync", [Persona.Author], async (c, p) =>
        {
            var complaint = await c.ComplaintAsync();
            await SetAsync(c, complaint, PostStatus.Solved, ComplaintOutcome.ConfirmedByCustomer);
            return (await c.Get<ComplaintResolutionService>().ReopenAsync(complaint, "Still broken.", c.Viewer(p), Ct)).Succeeded;
        }),
        Of("ComplaintResolutionService.CloseAfterSilenceAsync", WorksHere, async (c, p) =>
        {
            // Filed 61 days ago, answered by staff the day after, not a word from the customer since.
            var complaint = await c.ComplaintAsync(ago: TimeSpan.FromDays(61));
            await c.ReplyAsync(complaint, Persona.Staff, ago: TimeSpan.FromDays(60));
            return (await c.Get<ComplaintResolutionService>().CloseAfterSilenceAsync(complaint, null, c.Viewer(p), Ct)).Succeeded;
        }),
        Of("ComplaintIdeaLinkService.LinkIdeaAsync", WorksHere, async (c, p) =>
            (await c.Get<ComplaintIdeaLinkService>().LinkIdeaAsync(await c.ComplaintAsync(), await c.IdeaAsync(), c.Viewer(p), Ct)).Succeeded),
        Of("ComplaintIdeaLinkService.UnlinkIdeaAsync", WorksHere, async (c, p) =>
        {
            var complaint = await LinkedAsync(c, await c.IdeaAsync());
            return (await c.Get<ComplaintIdeaLinkService>().UnlinkIdeaAsync(complaint, c.Viewer(p), Ct)).Succeeded;
        }),
        Of("ComplaintIdeaLinkService.CreateIdeaFromComplaintAsync", WorksHere, async (c, p) =>
            (await c.Get<ComplaintIdeaLinkService>().CreateIdeaFromComplaintAsync(
                await c.ComplaintAsync(), new("An idea from a complaint", "Written by staff.", null), c.Viewer(p), Ct)).Succeeded),
        Of("ComplaintIdeaLinkService.ListComplaintsLinkedToAsync", WorksHere, async (c, p) =>
        {
            var idea = await c.IdeaAsync();
            var complaint = await LinkedAsync(c, idea);
            return (await c.Get<ComplaintIdeaLinkService>().ListComplaintsLinkedToAsync(idea, c.Viewer(p), Ct)).Any(x => x.Id == complaint);
        }),
        Of("StaffDeskService.ListAsync", WorksHere, (c, p) =>
            Permitted(() => c.Get<StaffDeskService>().ListAsync(new(), c.Viewer(p), Ct))),
        Of("StaffDeskService.CountEscalatedAsync", WorksHere, (c, p) =>
            Permitted(() => c.Get<StaffDeskService>().CountEscalatedAsync(c.Viewer(p), Ct))),
    ];

    private static async Task SetAsync(Cast c, int complaint, PostStatus status, ComplaintOutcome outcome)
    {
        await using var db = await c.DbAsync();
        await db.Posts.Where(x => x.Id == complaint)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, status).SetProperty(x => x.Outcome, outcome), Ct);
    }

    private static async Task<int> LinkedAsync(Cast c, int idea)
    {
        var complaint = await c.ComplaintAsync();
        await using var db = await c.DbAsync();
        await db.Posts.Where(x => x.Id == complaint).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.LinkedIdeaId, idea)
            .SetProperty(x => x.LinkedIdeaById, c.Person(Persona.Staff).Id)
            .SetProperty(x => x.LinkedIdeaAt, DateTime.UtcNow), Ct);
        return complaint;
    }
}
