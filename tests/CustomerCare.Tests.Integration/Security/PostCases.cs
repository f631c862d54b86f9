using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Roadmap;
using CustomerCare.Web.Features.SolvesIt;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using Microsoft.EntityFrameworkCore;
using static CustomerCare.Tests.Integration.Security.ServiceCase;

namespace CustomerCare.Tests.Integration.Security;

/// <summary>The matrix's rows for reading posts, ideas, votes, threads, decisions, "does this solve it" and the roadmap.</summary>
internal static class PostCases
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static IEnumerable<ServiceCase> All() =>
    [
        Of("PostService.GetAsync", AuthorAndWorksHere, async (c, p) =>
            await c.Get<PostService>().GetAsync(await c.ComplaintAsync(), c.Viewer(p), Ct) is not null),
        Of("PostService.ListByIdsAsync", AuthorAndWorksHere, async (c, p) =>
            (await c.Get<PostService>().ListByIdsAsync([await c.ComplaintAsync()], c.Viewer(p), Ct)).Count == 1),
        Of("BoardService.ListAsync", Cast.Everyone.ToArray(), async (c, p) =>
        {
            var idea = await c.IdeaAsync();
            return (await c.Get<BoardService>().ListAsync(new(BoardSort.New), c.Viewer(p), Ct)).Ideas.Any(i => i.Id == idea);
        }),
        Of("BoardService.ListAllAsync", Cast.Everyone.ToArray(), async (c, p) =>
        {
            var idea = await c.IdeaAsync();
            return await c.Get<BoardService>().ListAllAsync(new(BoardSort.New), c.Viewer(p), 100, Ct).AnyAsync(i => i.Id == idea, Ct);
        }),
        Of("IdeaService.ProposeAsync", SignedIn, async (c, p) =>
            (await c.Get<IdeaService>().ProposeAsync(new("A matrix proposal", "Please.", null), c.Viewer(p), Ct)).Outcome == ProposeOutcome.Created),
        Of("IdeaService.FindSimilarAsync", Cast.Everyone.ToArray(), async (c, p) =>
        {
            var idea = await c.IdeaAsync();
            await using var db = await c.DbAsync();
            var title = await db.Posts.Where(x => x.Id == idea).Select(x => x.Title).SingleAsync(Ct);
            return (await c.Get<IdeaService>().FindSimilarAsync(title, c.Viewer(p), Ct)).Any(i => i.Id == idea);
        }),
        Of("VoteService.ToggleAsync", SignedIn, async (c, p) =>
            (await c.Get<VoteService>().ToggleAsync(await c.IdeaAsync(), c.Viewer(p), Ct)).Outcome == VoteOutcome.Voted),
        Of("VoterListService.ListVotersAsync", WorksHere, async (c, p) =>
        {
            var idea = await c.IdeaAsync();
            return await Permitted(() => c.Get<VoterListService>().ListVotersAsync(idea, c.Viewer(p), Ct));
        }),
        Of("ThreadService.ReplyAsync", AuthorAndWorksHere, async (c, p) =>
            (await c.Get<ThreadService>().ReplyAsync(await c.ComplaintAsync(), null, "Matrix reply", internalNote: false, c.Viewer(p), Ct)).Succeeded),
        Of("ThreadService.ReplyWithPicturesAsync", AuthorAndWorksHere, async (c, p) =>
        {
            var upload = await CustomerCare.Tests.Support.TestPictures.UploadAsync(c.Portal.Services, ct: Ct);
            return (await c.Get<ThreadService>().ReplyWithPicturesAsync(await c.ComplaintAsync(), null, "Matrix reply", false, [upload], c.Viewer(p), Ct)).Succeeded;
        }),
        // A picture on a reply in the author's private complaint; every other place in Pictures/PictureVisibilityTests.
        Of("PictureService.OpenAsync", AuthorAndWorksHere, async (c, p) =>
        {
            var complaint = await c.ComplaintAsync();
            var picture = await c.PictureAsync(complaint, await c.ReplyAsync(complaint, Persona.Author), Persona.Author);
            return await c.Get<Web.Features.Pictures.PictureService>().OpenAsync(picture, thumbnail: false, c.Viewer(p), Ct) is not null;
        }),
        Of("ThreadService.EditAsync", [Persona.Author], async (c, p) =>
        {
            var reply = await c.ReplyAsync(await c.IdeaAsync(), Persona.Author);
            return (await c.Get<ThreadService>().EditAsync(reply, "Corrected by the matrix", c.Viewer(p), Ct)).Succeeded;
        }),
        Of("OfficialAnswerService.PinAsync", WorksHere, async (c, p) =>
        {
            var idea = await c.IdeaAsync();
            var reply = await c.ReplyAsync(idea, Persona.Staff);
            return (await c.Get<OfficialAnswerService>().PinAsync(idea, reply, c.Viewer(p), Ct)).Succeeded;
        }),
        Of("OfficialAnswerService.UnpinAsync", WorksHere, async (c, p) =>
        {
            var idea = await c.IdeaAsync();
            var reply = await c.ReplyAsync(idea, Persona.Staff);
            await using (var db = await c.DbAsync())
            {
                await db.Posts.Where(x => x.Id == idea).ExecuteUpdateAsync(s => s.SetProperty(x => x.OfficialAnswerId, reply), Ct);
            }

            return (await c.Get<OfficialAnswerService>().UnpinAsync(idea, c.Viewer(p), Ct)).Succeeded;
        }),
        Of("StatusDecisionService.ChangeStatusAsync", Deciders, async (c, p) =>
            (await c.Get<StatusDecisionService>().ChangeStatusAsync(await c.IdeaAsync(), PostStatus.Planned, null, null, c.Viewer(p), Ct)).Changed),
        Of("MergeService.SearchTargetsAsync", Deciders, async (c, p) =>
        {
            var (duplicate, original) = (await c.IdeaAsync(), await c.IdeaAsync());
            await using var db = await c.DbAsync();
            var title = await db.Posts.Where(x => x.Id == original).Select(x => x.Title).SingleAsync(Ct);
            return (await c.Get<MergeService>().SearchTargetsAsync(duplicate, title, c.Viewer(p), Ct)).Any(t => t.Id == original);
        }),
        Of("MergeService.MergeAsync", Deciders, async (c, p) =>
            (await c.Get<MergeService>().MergeAsync(await c.IdeaAsync(), await c.IdeaAsync(), c.Viewer(p), Ct)).Merged),
        Of("SolvesItService.AnswerAsync", SignedIn, async (c, p) =>
            (await c.Get<SolvesItService>().AnswerAsync(await c.IdeaAsync(PostStatus.Shipped), true, c.Viewer(p), Ct)).Succeeded),
        Of("SolvesItService.GetAsync", Cast.Everyone.ToArray(), async (c, p) =>
            await c.Get<SolvesItService>().GetAsync(await c.IdeaAsync(PostStatus.Shipped), c.Viewer(p), Ct) is not null),
        Of("RoadmapService.GetAsync", Cast.Everyone.ToArray(), async (c, p) =>
        {
            var idea = await c.IdeaAsync(PostStatus.Planned);
            return (await c.Get<RoadmapService>().GetAsync(c.Viewer(p), Ct)).Planned.Any(i => i.Id == idea);
        }),
    ];
}
