using System.Globalization;
using CustomerCare.Web.Features.Mentions;
using static CustomerCare.Tests.Integration.Security.ServiceCase;

namespace CustomerCare.Tests.Integration.Security;

/// <summary>
/// The matrix's rows for mentions, on the author's private complaint: only who may see it is offered anyone to mention
/// and learns how a mention in it shows (its customer and the people who work here).
/// </summary>
internal static class MentionCases
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static IEnumerable<ServiceCase> All() =>
    [
        Of("MentionService.SuggestAsync", AuthorAndWorksHere, async (c, p) =>
        {
            var complaint = await c.ComplaintAsync();
            return (await c.Get<MentionService>().SuggestAsync(complaint, "", false, c.Viewer(p), Ct)).Count > 0;
        }),
        Of("MentionService.ResolveAsync", AuthorAndWorksHere, async (c, p) =>
        {
            var complaint = await c.ComplaintAsync();
            var staffId = c.Viewer(Persona.Staff).UserId!;
            return (await c.Get<MentionService>().ResolveAsync(complaint, [staffId], false, c.Viewer(p), CultureInfo.InvariantCulture, Ct)).Count > 0;
        }),
    ];
}
