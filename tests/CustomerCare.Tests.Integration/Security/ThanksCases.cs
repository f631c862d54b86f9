using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Customers;
using CustomerCare.Web.Features.Answers;
using CustomerCare.Web.Features.Helpful;
using CustomerCare.Web.Features.Insights;
using CustomerCare.Web.Features.Team;
using CustomerCare.Web.Features.Thanks;
using Microsoft.EntityFrameworkCore;
using static CustomerCare.Tests.Integration.Security.ServiceCase;

namespace CustomerCare.Tests.Integration.Security;

/// <summary>
/// The matrix's rows for thanks, helpful marks, the team's profiles, a customer's story and the insights. The thanked reply is <see cref="Persona.Staff"/>'s on the
/// author's private complaint, so only its customer may read it and thank it; people who work here thank no one.
/// </summary>
internal static class ThanksCases
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static IEnumerable<ServiceCase> All() =>
    [
        Of("ThanksService.ThankReplyAsync", [Persona.Author], async (c, p) =>
        {
            var complaint = await c.ComplaintAsync();
            var reply = await c.ReplyAsync(complaint, Persona.Staff);
            return (await c.Get<ThanksService>().ThankReplyAsync(reply, "Thank you!", true, c.Viewer(p), Ct)).Outcome == ThanksOutcome.Thanked;
        }),
        Of("ThanksService.ThankForSolutionAsync", [Persona.Author], async (c, p) =>
        {
            var complaint = await c.ComplaintAsync();
            await using (var db = await c.DbAsync())
            {
                await db.Posts.Where(x => x.Id == complaint).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, PostStatus.Solved), Ct);
            }

            return (await c.Get<ThanksService>().ThankForSolutionAsync(complaint, null, false, c.Viewer(p), Ct)).Outcome == ThanksOutcome.Thanked;
        }),
        Of("ThanksService.ThankedOnAsync", [Persona.Author], async (c, p) =>
        {
            var complaint = await c.ComplaintAsync();
            var reply = await c.ReplyAsync(complaint, Persona.Staff);
            await c.Get<ThanksService>().ThankReplyAsync(reply, null, false, c.Viewer(Persona.Author), Ct);
            return (await c.Get<ThanksService>().ThankedOnAsync(complaint, c.Viewer(p), Ct)).Contains(CustomerCare.Data.Entities.Thanks.ReplyTarget(reply));
        }),
        // Helpful: the staff reply on the author's private complaint; its writer (Staff) marks no reply of their own.
        Of("HelpfulService.SetAsync", [Persona.Author, Persona.ProductOwner, Persona.Admin], async (c, p) =>
        {
            var complaint = await c.ComplaintAsync();
            var reply = await c.ReplyAsync(complaint, Persona.Staff);
            return (await c.Get<HelpfulService>().SetAsync(reply, true, c.Viewer(p), Ct)).Outcome == HelpfulOutcome.Marked;
        }),
        Of("HelpfulService.MarkedOnAsync", [Persona.Author], async (c, p) =>
        {
            var complaint = await c.ComplaintAsync();
            var reply = await c.ReplyAsync(complaint, Persona.Staff);
            await c.Get<HelpfulService>().SetAsync(reply, true, c.Viewer(Persona.Author), Ct);
            return (await c.Get<HelpfulService>().MarkedOnAsync(complaint, c.Viewer(p), Ct)).Contains(reply);
        }),
        // The answer: another customer's reply on the author's public complaint; its author and the team choose it.
        Of("AnswerService.MarkAsync", AuthorAndWorksHere, async (c, p) =>
        {
            var complaint = await c.ComplaintAsync(isPublic: true);
            var reply = await c.ReplyAsync(complaint, Persona.Customer);
            return (await c.Get<AnswerService>().MarkAsync(complaint, reply, c.Viewer(p), Ct)).Outcome == AnswerOutcome.Marked;
        }),
        Of("AnswerService.ClearAsync", AuthorAndWorksHere, async (c, p) =>
        {
            var complaint = await c.ComplaintAsync(isPublic: true);
            var reply = await c.ReplyAsync(complaint, Persona.Customer);
            await c.Get<AnswerService>().MarkAsync(complaint, reply, c.Viewer(Persona.Staff), Ct);
            return (await c.Get<AnswerService>().ClearAsync(complaint, c.Viewer(p), Ct)).Outcome == AnswerOutcome.Cleared;
        }),
        Of("ThanksService.ThankForAnswerAsync", [Persona.Author], async (c, p) =>
        {
            var complaint = await c.ComplaintAsync(isPublic: true);
            var reply = await c.ReplyAsync(complaint, Persona.Customer);
            await using (var db = await c.DbAsync())
            {
                await db.Posts.Where(x => x.Id == complaint).ExecuteUpdateAsync(s => s.SetProperty(x => x.AnswerId, reply), Ct);
            }

            return (await c.Get<ThanksService>().ThankForAnswerAsync(complaint, reply, c.Viewer(p), Ct)).Outcome == ThanksOutcome.Thanked;
        }),
        // Endorsing: the author's own answer on their private complaint; only people who work here endorse.
        Of("EndorsementService.SetAsync", WorksHere, async (c, p) =>
        {
            var complaint = await c.ComplaintAsync();
            var reply = await c.ReplyAsync(complaint, Persona.Author);
            return (await c.Get<EndorsementService>().SetAsync(reply, true, c.Viewer(p), Ct)).Outcome == EndorsementOutcome.Endorsed;
        }),
        Of("TeamService.ProfileAsync", Cast.Everyone.ToArray(), async (c, p) =>
            await c.Get<TeamService>().ProfileAsync(c.Person(Persona.Staff).Id, c.Viewer(p), Ct) is not null),
        Of("CustomerStoryService.StoryAsync", WorksHere, async (c, p) =>
            await c.Get<CustomerStoryService>().StoryAsync(c.Person(Persona.Author).Id, c.Viewer(p), Ct) is not null),
        Of("CustomerStoryService.AddNoteAsync", WorksHere, async (c, p) =>
            (await c.Get<CustomerStoryService>().AddNoteAsync(c.Person(Persona.Author).Id, "Prefers mail.", c.Viewer(p), Ct)).Outcome == NoteOutcome.Added),
        Of("InsightsService.ReportAsync", WorksHere, async (c, p) =>
            await c.Get<InsightsService>().ReportAsync(new(), c.Viewer(p), Ct) is not null),
    ];
}
