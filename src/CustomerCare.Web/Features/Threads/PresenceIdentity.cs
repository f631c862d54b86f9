using System.Security.Claims;
using CustomerCare.Web.Components.Account;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Threads;

/// <summary>How a reader appears in "who is here" and "… is typing": their name, and for staff their job.</summary>
public static class PresenceIdentity
{
    /// <summary>
    /// A signed-in person is keyed by user id (two tabs count once); a visitor by <paramref name="visitKey"/>,
    /// one per open page, and named only "Visitor" (they never type: writing needs an account). A visitor is told how many
    /// write, not who (<see cref="PresenceSnapshot"/>).
    /// </summary>
    public static PresencePerson From(ClaimsPrincipal? user, string visitKey, string visitorName)
    {
        if (user?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return new($"{PresencePerson.VisitorPrefix}{visitKey}", visitorName, null);
        }

        var name = user.FindFirstValue(CareClaimsPrincipalFactory.DisplayName) ?? user.Identity?.Name ?? visitorName;
        var worksHere = Viewer.From(user).WorksHere;
        return new(id, name, worksHere ? user.FindFirstValue(CareClaimsPrincipalFactory.JobTitle) : null, worksHere);
    }
}
