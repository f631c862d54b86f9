using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Helpful;

/// <summary>What the helpful and endorsement tests start from: a customer's idea, another customer's answer to it, the thread as read.</summary>
internal static class CustomerAnswers
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The asker's idea and the helper's answer in its thread.</summary>
    public static async Task<(TestPerson Asker, TestPerson Helper, int IdeaId, long ReplyId)> CustomerAnswerAsync(this PortalFactory portal)
    {
        var asker = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var helper = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var ideaId = await portal.ProposeIdeaAsync(asker, ct: Ct);
        return (asker, helper, ideaId, await portal.ReplyAsync(ideaId, helper));
    }

    public static async Task<long> ReplyAsync(this PortalFactory portal, int postId, TestPerson by, bool internalNote = false)
    {
        var result = await portal.Services.GetRequiredService<ThreadService>()
            .ReplyAsync(postId, null, "Switching the router to channel 11 fixed it for me.", internalNote, by.Viewer, Ct);
        Assert.True(result.Succeeded, result.Outcome.ToString());
        return result.Reply!.Id;
    }

    /// <summary>The post's replies as <paramref name="viewer"/> reads them on its page.</summary>
    public static async Task<IReadOnlyList<ReplyView>> ThreadAsync(this PortalFactory portal, int postId, Viewer viewer) =>
        (await portal.Services.GetRequiredService<PostService>().GetAsync(postId, viewer, Ct))!.Replies;
}
