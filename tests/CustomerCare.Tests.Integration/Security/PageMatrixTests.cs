using System.Net;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Integration.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Security;

/// <summary>What a page answers a person asking for it over HTTP (the prerendered response, as a browser gets it first).</summary>
public enum PageAnswer
{
    Shows,
    SignIn,
    Denied,
    NotFound,
}

/// <summary>
/// The authorization matrix for every page: each route × visitor, customer, another customer, author, staff, product
/// owner and admin, over real HTTP with each person's own sign-in cookie. A route without a row fails
/// <see cref="Every_page_has_a_row"/>.
/// </summary>
public abstract class PageMatrixTests(Cast cast)
{
    private const string SecretNote = "Internal: the refund was booked twice by our system";

    private static readonly Dictionary<string, Func<Persona, PageAnswer>> Rows = new(StringComparer.Ordinal)
    {
        ["/"] = Everyone,
        ["/ideas"] = Everyone,
        ["/ideas/new"] = SignedIn,
        ["/posts/{Id:int}"] = p => p is Persona.Visitor or Persona.Customer or Persona.AnotherCustomer ? PageAnswer.NotFound : PageAnswer.Shows,
        ["/complaints"] = Everyone,
        ["/complaints/new"] = SignedIn,
        ["/roadmap"] = Everyone,
        ["/changelog"] = Everyone,
        ["/customers/{Id}"] = p => p switch
        {
            Persona.Visitor => PageAnswer.SignIn,
            Persona.Staff or Persona.ProductOwner or Persona.Admin => PageAnswer.Shows,
            _ => PageAnswer.Denied,
        },
        ["/people/{Id}"] = Everyone,
        ["/team"] = Everyone,
        ["/team/{Id}"] = Everyone,
        ["/privacy"] = Everyone,
        ["/staff"] = p => p switch
        {
            Persona.Visitor => PageAnswer.SignIn,
            Persona.Staff or Persona.ProductOwner or Persona.Admin => PageAnswer.Shows,
            _ => PageAnswer.Denied,
        },
        // Product owners and admins read the insights; staff may too. Customers never.
        ["/insights"] = p => p switch
        {
            Persona.Visitor => PageAnswer.SignIn,
            Persona.Staff or Persona.ProductOwner or Persona.Admin => PageAnswer.Shows,
            _ => PageAnswer.Denied,
        },
        ["/admin/users"] = p => p switch
        {
            Persona.Visitor => PageAnswer.SignIn,
            Persona.Admin => PageAnswer.Shows,
            _ => PageAnswer.Denied,
        },
        ["/moderation"] = p => p switch
        {
            Persona.Visitor => PageAnswer.SignIn,
            Persona.Staff or Persona.ProductOwner or Persona.Admin => PageAnswer.Shows,
            _ => PageAnswer.Denied,
        },
        ["/admin/security"] = p => p switch
        {
            Persona.Visitor => PageAnswer.SignIn,
            Persona.Admin => PageAnswer.Shows,
            _ => PageAnswer.Denied,
        },
        ["/admin/data-requests"] = p => p switch
        {
            Persona.Visitor => PageAnswer.SignIn,
            Persona.Admin => PageAnswer.Shows,
            _ => PageAnswer.Denied,
        },
        ["/admin/webhooks"] = p => p switch
        {
            Persona.Visitor => PageAnswer.SignIn,
            Persona.Admin => PageAnswer.Shows,
            _ => PageAnswer.Denied,
        },
        // The exports answer as the pages they download: the board to anyone, the desk and the insights to the people the
        // desk admits.
        ["/export/board.csv"] = Everyone,
        ["/export/desk.csv"] = p => p switch
        {
            Persona.Visitor => PageAnswer.SignIn,
            Persona.Staff or Persona.ProductOwner or Persona.Admin => PageAnswer.Shows,
            _ => PageAnswer.Denied,
        },
        ["/export/insights/{chart}.csv"] = p => p switch
        {
            Persona.Visitor => PageAnswer.SignIn,
            Persona.Staff or Persona.ProductOwner or Persona.Admin => PageAnswer.Shows,
            _ => PageAnswer.Denied,
        },
        // A picture answers as what it is on: here a reply in the author's private complaint (Pictures/PictureVisibilityTests
        // has every other place). Anyone else gets the 404 of a picture that does not exist.
        ["/pictures/{id:guid}"] = OnPrivateComplaint,
        ["/pictures/{id:guid}/thumbnail"] = OnPrivateComplaint,
        // Pieces of visitors' pages answer as a visitor sees them, whoever asks (Posts/PostFragmentTests has the public
        // ones): the author's private complaint is missing for everyone, its author and the team included.
        ["/fragments/cards"] = _ => PageAnswer.NotFound,
        ["/fragments/posts/{id:int}"] = _ => PageAnswer.NotFound,
        ["/notifications"] = SignedIn,
        ["/notifications/open/{Id:long}"] = SignedIn,
        ["/account/notifications"] = SignedIn,
        // Each signed-in person downloads their own archive: the id is the cookie's, so there is nobody else's to ask for.
        ["/account/data"] = SignedIn,
        ["/account/data/download"] = SignedIn,
        // Deleting asks for the person's own password and deletes only their own account.
        ["/account/delete"] = SignedIn,
        ["/account/deleted"] = Everyone,
        // Each signed-in person lists, makes and revokes only their own access tokens.
        ["/account/tokens"] = SignedIn,
        ["/Account/Login"] = Everyone,
        ["/Account/Register"] = Everyone,
        ["/Account/ForgotPassword"] = Everyone,
        ["/Account/ResetPassword"] = Everyone,
        ["/Account/ResetPasswordConfirmation"] = Everyone,
        ["/Account/ResendEmailConfirmation"] = Everyone,
        ["/Account/ConfirmEmail"] = Everyone,
        ["/Account/Lockout"] = Everyone,
        // Where a provider's answer lands: without one in the external cookie it only says to start again.
        ["/Account/ExternalLogin"] = Everyone,
        ["/Account/AccessDenied"] = p => PageAnswer.Denied,
        ["/not-found"] = p => PageAnswer.NotFound,
        ["/Error"] = Everyone,
    };

    public static TheoryData<string, Persona> Cells
    {
        get
        {
            var cells = new TheoryData<string, Persona>();
            foreach (var route in Rows.Keys.Order(StringComparer.Ordinal))
            {
                foreach (var persona in Cast.Everyone)
                {
                    cells.Add(route, persona);
                }
            }

            return cells;
        }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_page_answers_each_person_as_the_matrix_says(string route, Persona persona)
    {
        await cast.EnsurePeopleAsync(TestContext.Current.CancellationToken);
        using var browser = new PortalBrowser(cast.Portal);
        if (persona != Persona.Visitor)
        {
            await browser.SignInAsync(cast.Person(persona).Email, cast.Person(persona).Password);
        }

        using var response = await browser.GetAsync(await UrlAsync(route));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Redirect or HttpStatusCode.Found,
            $"{route} as {persona}: {(int)response.StatusCode}");
        Assert.Equal(Rows[route](persona), Answer(response, html));
    }

    [Fact]
    public async Task An_internal_note_reaches_only_the_pages_of_people_who_work_here()
    {
        await cast.EnsurePeopleAsync(TestContext.Current.CancellationToken);
        var complaint = await cast.ComplaintAsync();
        var note = await cast.ReplyAsync(complaint, Persona.Staff, internalNote: true);
        await using (var db = await cast.DbAsync())
        {
            var row = await db.Replies.FindAsync([note], TestContext.Current.CancellationToken);
            row!.Body = SecretNote;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        foreach (var persona in Cast.Everyone.Where(p => p != Persona.Visitor))
        {
            using var browser = new PortalBrowser(cast.Portal);
            await browser.SignInAsync(cast.Person(persona).Email, cast.Person(persona).Password);
            using var response = await browser.GetAsync($"/posts/{complaint}");
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(persona is Persona.Staff or Persona.ProductOwner or Persona.Admin, html.Contains(SecretNote, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_page_has_a_row()
    {
        var routes = typeof(Web.Infrastructure.Viewer).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>())
            .Select(r => r.Template)
            .ToList();

        Assert.NotEmpty(routes);
        var missing = routes.Where(route => !Rows.ContainsKey(route)).ToList();
        Assert.Empty(missing);
    }

    /// <summary>
    /// Every GET endpoint the portal maps besides its pages (minimal APIs: the exports, …) has a row here, or is one of the
    /// doors with matrices or tests of their own named below. A new download or API fails until it joins the matrix.
    /// </summary>
    [Fact]
    public void Every_endpoint_that_answers_a_get_has_a_row_or_its_own_tests()
    {
        var ownTests = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/culture/set"] = "Localization: the language switch only sets a cookie and redirects to a local address",
            ["/unsubscribe"] = "Notifications/Mail: the signed token is the authorization",
            ["/health"] = "Hosting: the details need the monitoring key or an admin",
            [Web.Features.PersonalData.PersonalDataArchives.ArchivePath] = "PersonalDataArchiveTests: the link opens for its person only, until it expires",
            [Web.Live.LiveHub.Path] = "HubMatrixTests",
            [Web.Features.Api.ApiPaths.Root] = "Api/ApiMatrixTests: every /api/v1 endpoint × person, and token scopes",
            [Web.Features.Api.ApiEndpoints.DocumentPath] = "Api/ApiDocumentTests: the OpenAPI document describes the API, public by nature",
            [Web.Features.Api.ApiEndpoints.DocsPath] = "Api/ApiDocumentTests: the API's reference page and its scripts, public by nature",
            [Web.Features.Widget.WidgetEndpoints.SettingsPath] = "Widget/WidgetEndpointTests: the widget's words and colour, public by nature; a site that is not allowed learns only that",
            ["/{**path:file}"] = "static files' fallback: files that are public by nature, no one's data",
        };
        var endpoints = cast.Portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") != false)
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null
                && !e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"))
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .Where(route => !route.StartsWith("/_", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.Contains("/export/board.csv", endpoints);
        var missing = endpoints.Where(route => !Rows.ContainsKey(route) && !ownTests.Keys.Any(own => route.StartsWith(own, StringComparison.Ordinal))).ToList();
        Assert.Empty(missing);
    }

    private static PageAnswer Everyone(Persona persona) => PageAnswer.Shows;

    private static PageAnswer OnPrivateComplaint(Persona persona) =>
        persona is Persona.Author or Persona.Staff or Persona.ProductOwner or Persona.Admin ? PageAnswer.Shows : PageAnswer.NotFound;

    private static PageAnswer SignedIn(Persona persona) => persona == Persona.Visitor ? PageAnswer.SignIn : PageAnswer.Shows;

    private static PageAnswer Answer(HttpResponseMessage response, string html)
    {
        var location = response.Headers.Location?.ToString() ?? "";
        if (location.Contains("Account/Login", StringComparison.OrdinalIgnoreCase))
        {
            return PageAnswer.SignIn;
        }

        // The cookie handler sends a signed-in person without the role to the access-denied page.
        if (location.Contains("Account/AccessDenied", StringComparison.OrdinalIgnoreCase)
            || html.Contains(SourceTree.Text("AccessDenied_Text"), StringComparison.Ordinal))
        {
            return PageAnswer.Denied;
        }

        return response.StatusCode == HttpStatusCode.NotFound || html.Contains(SourceTree.Text("Post_NotFound"), StringComparison.Ordinal)
            || html.Contains(SourceTree.Text("NotFound_Text"), StringComparison.Ordinal)
            ? PageAnswer.NotFound
            : PageAnswer.Shows;
    }

    // The one place each route gets the post or notification it shows: the author's private complaint, their notification.
    private async Task<string> UrlAsync(string route) => route switch
    {
        "/posts/{Id:int}" => $"/posts/{await cast.ComplaintAsync()}",
        "/team/{Id}" => $"/team/{cast.Person(Persona.Staff).Id}",
        "/customers/{Id}" => $"/customers/{cast.Person(Persona.Author).Id}",
        "/people/{Id}" => $"/people/{cast.Person(Persona.Author).Id}",
        "/export/insights/{chart}.csv" => "/export/insights/mood.csv?period=quarter",
        "/fragments/cards" => $"/fragments/cards?ids={await cast.ComplaintAsync()}",
        "/fragments/posts/{id:int}" => $"/fragments/posts/{await cast.ComplaintAsync()}",
        "/pictures/{id:guid}" => Web.Features.Pictures.PictureEndpoints.Full(await PrivatePictureAsync()),
        "/pictures/{id:guid}/thumbnail" => Web.Features.Pictures.PictureEndpoints.Thumbnail(await PrivatePictureAsync()),
        "/notifications/open/{Id:long}" => $"/notifications/open/{await cast.NotificationAsync(await cast.ComplaintAsync())}",
        _ => route,
    };

    private async Task<Guid> PrivatePictureAsync()
    {
        var complaint = await cast.ComplaintAsync();
        return await cast.PictureAsync(complaint, await cast.ReplyAsync(complaint, Persona.Author), Persona.Author);
    }
}

public sealed class SqlitePageMatrixTests(SqliteCast cast) : PageMatrixTests(cast), IClassFixture<SqliteCast>;
