using System.Net;
using System.Text.RegularExpressions;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Integration.Security;
using CustomerCare.Web.Features.Pictures;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Tests.Integration.Pictures;

/// <summary>Where a picture can be, for the matrix.</summary>
public enum PicturePlace
{
    OnPublicIdea,
    OnPrivateComplaint,
    OnInternalNote,
    OnHiddenReply,
    OnRemovedPost,
}

/// <summary>
/// The authorization matrix of pictures over real HTTP: each place a picture can be × visitor, customer, another customer,
/// author, staff, product owner and admin, each with their own sign-in cookie. Who may not see it gets exactly the answer
/// of a picture that does not exist.
/// </summary>
public sealed class PictureVisibilityTests(SqliteCast cast) : IClassFixture<SqliteCast>
{
    private static readonly Persona[] WorksHere = [Persona.Staff, Persona.ProductOwner, Persona.Admin];

    public static TheoryData<PicturePlace, Persona> Cells
    {
        get
        {
            var cells = new TheoryData<PicturePlace, Persona>();
            foreach (var place in Enum.GetValues<PicturePlace>())
            {
                foreach (var persona in Cast.Everyone)
                {
                    cells.Add(place, persona);
                }
            }

            return cells;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_picture_reaches_exactly_the_people_who_may_read_what_it_is_on(PicturePlace place, Persona persona)
    {
        await cast.EnsurePeopleAsync(Ct);
        var picture = await PlaceAsync(place);
        using var browser = new PortalBrowser(cast.Portal);
        if (persona != Persona.Visitor)
        {
            await browser.SignInAsync(cast.Person(persona).Email, cast.Person(persona).Password);
        }

        using var full = await browser.GetAsync(PictureEndpoints.Full(picture));
        using var thumbnail = await browser.GetAsync(PictureEndpoints.Thumbnail(picture));
        using var missing = await browser.GetAsync(PictureEndpoints.Full(Guid.CreateVersion7()));

        if (Allowed(place, persona))
        {
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (full.StatusCode, thumbnail.StatusCode));
            Assert.Equal("image/jpeg", full.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", full.Headers.GetValues("X-Content-Type-Options").Single());
            var everyone = place == PicturePlace.OnPublicIdea;
            Assert.Equal(everyone ? "public" : "private", full.Headers.CacheControl!.Public ? "public" : full.Headers.CacheControl.Private ? "private" : "");
        }
        else
        {
            Assert.Equal(HttpStatusCode.NotFound, full.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, thumbnail.StatusCode);
            Assert.Equal(missing.StatusCode, full.StatusCode);
            // The not-found page, word for word; only the script nonce, the circuit's markers and the antiforgery token (of
            // the sign-out form) differ from one answer to the next.
            Assert.Equal(WithoutNonce(await missing.Content.ReadAsStringAsync(Ct)), WithoutNonce(await full.Content.ReadAsStringAsync(Ct)));
            Assert.Equal(missing.Content.Headers.ContentType?.MediaType, full.Content.Headers.ContentType?.MediaType);
        }
    }

    private static string WithoutNonce(string html) =>
        Regex.Replace(html, "nonce=\"[^\"]*\"|<!--Blazor:.*?-->|CfDJ8[A-Za-z0-9_-]+", "", RegexOptions.Singleline);

    private static bool Allowed(PicturePlace place, Persona persona) => place switch
    {
        PicturePlace.OnPublicIdea => true,
        PicturePlace.OnPrivateComplaint => persona == Persona.Author || WorksHere.Contains(persona),
        // A hidden reply's body is read only by people who work here, its author included: its pictures too.
        _ => WorksHere.Contains(persona),
    };

    private async Task<Guid> PlaceAsync(PicturePlace place)
    {
        switch (place)
        {
            case PicturePlace.OnPublicIdea:
                return await cast.PictureAsync(await cast.IdeaAsync(), null, Persona.Author);
            case PicturePlace.OnPrivateComplaint:
            {
                var complaint = await cast.ComplaintAsync();
                return await cast.PictureAsync(complaint, await cast.ReplyAsync(complaint, Persona.Author), Persona.Author);
            }

            case PicturePlace.OnInternalNote:
            {
                var idea = await cast.IdeaAsync();
                return await cast.PictureAsync(idea, await cast.ReplyAsync(idea, Persona.Staff, internalNote: true), Persona.Staff);
            }

            case PicturePlace.OnHiddenReply:
            {
                var idea = await cast.IdeaAsync();
                var reply = await cast.ReplyAsync(idea, Persona.Author);
                await using var db = await cast.DbAsync();
                await db.Replies.Where(r => r.Id == reply).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.HiddenAt, DateTime.UtcNow).SetProperty(r => r.HiddenById, cast.Person(Persona.Staff).Id)
                    .SetProperty(r => r.HiddenReason, "Shows another customer's address"), Ct);
                return await cast.PictureAsync(idea, reply, Persona.Author);
            }

            default:
            {
                var idea = await cast.IdeaAsync();
                await using var db = await cast.DbAsync();
                await db.Posts.Where(p => p.Id == idea).ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.RemovedAt, DateTime.UtcNow).SetProperty(p => p.RemovedById, cast.Person(Persona.Staff).Id), Ct);
                return await cast.PictureAsync(idea, null, Persona.Author);
            }
        }
    }
}
