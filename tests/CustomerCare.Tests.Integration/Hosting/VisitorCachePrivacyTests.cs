using System.Net;
using System.Text.RegularExpressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>
/// Nothing private is ever in a kept page: every cacheable page of the demo data and of this test's own (a private
/// complaint, an internal note, a removed idea, a hidden reply) is read twice as a visitor, the second time from the
/// cache, and holds none of those texts; the complaint's own author, signed in, reads every page fresh, never a kept one.
/// </summary>
public abstract partial class VisitorCachePrivacyTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_kept_page_holds_anything_private_and_the_signed_in_author_never_gets_a_kept_one()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var secret = $"Private complaint {Guid.NewGuid():N}";
        var complaint = await portal.FileComplaintAsync(author, secret, ct: Ct);
        var ours = await OwnPrivateTextsAsync(author, staff);
        var privateTexts = ours.Append(secret).Concat(await DemoPrivateTextsAsync()).Distinct().ToList();
        var paths = await CacheablePathsAsync();
        Assert.Contains($"/posts/{complaint}", paths);
        TestContext.Current.TestOutputHelper?.WriteLine($"{paths.Count} pages walked for {privateTexts.Count} private texts.");

        using var visitor = new VisitorBrowser(portal);
        foreach (var path in paths)
        {
            var made = await visitor.GetAsync(path);
            var kept = await visitor.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, kept.Status);
            Assert.True(kept.FromCache, $"{path} was not kept.");
            foreach (var page in new[] { made, kept })
            {
                Assert.Empty(page.SetCookies);
                var leaked = privateTexts.FirstOrDefault(t => page.Text.Contains(t, StringComparison.Ordinal));
                Assert.True(leaked is null, $"{path} shows a visitor the private text \"{leaked}\".");
            }
        }

        using var signedIn = new PortalBrowser(portal);
        await signedIn.SignInAsync(author.Email, author.Password);
        foreach (var path in paths)
        {
            using var response = await signedIn.GetAsync(path);
            Assert.Null(response.Headers.Age);
            var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
            Assert.Contains("data-testid=\"user-name\"", text, StringComparison.Ordinal);
            if (path == $"/posts/{complaint}")
            {
                Assert.Contains(secret, text, StringComparison.Ordinal); // their own, made for them
            }
        }

        Assert.DoesNotContain(secret, (await visitor.GetAsync($"/posts/{complaint}")).Text, StringComparison.Ordinal);
    }

    // An internal note and a hidden reply on a public idea, and a removed idea, each with words no other page has.
    private async Task<string[]> OwnPrivateTextsAsync(TestPerson customer, TestPerson staff)
    {
        var threads = portal.Services.GetRequiredService<ThreadService>();
        var idea = await portal.ProposeIdeaAsync(customer, ct: Ct);
        var note = $"Internal note {Guid.NewGuid():N}";
        Assert.True((await threads.ReplyAsync(idea, null, note, true, staff.Viewer, Ct)).Succeeded);
        var hiddenText = $"Hidden reply {Guid.NewGuid():N}";
        var hidden = await threads.ReplyAsync(idea, null, hiddenText, false, customer.Viewer, Ct);
        Assert.True((await portal.Services.GetRequiredService<ReplyModerationService>().HideAsync(hidden.Reply!.Id, "Off topic", staff.Viewer, Ct)).Succeeded);
        var removedTitle = TestPeople.UniqueTitle("Removed idea");
        var removed = await portal.ProposeIdeaAsync(customer, removedTitle, ct: Ct);
        Assert.True((await portal.Services.GetRequiredService<ModerationService>().RemoveAsync(removed, "Spam", staff.Viewer, Ct)).Succeeded);
        return [note, hiddenText, removedTitle];
    }

    // The demo's private texts a page could show: private complaints' titles, removed and waiting posts' titles, internal
    // notes and hidden replies (their first plain words, as the page would render them).
    private async Task<IReadOnlyList<string>> DemoPrivateTextsAsync()
    {
        await using var db = await Dbs().CreateDbContextAsync(Ct);
        var titles = await db.Posts.Where(p => (p.Kind == PostKind.Complaint && !p.IsPublic) || p.RemovedAt != null || p.HeldAt != null)
            .Select(p => p.Title).ToListAsync(Ct);
        var replies = await db.Replies.Where(r => r.IsInternalNote || r.HiddenAt != null || r.HeldAt != null).Select(r => r.Body).ToListAsync(Ct);
        return [.. titles.Concat(replies.Select(b => PlainStartRegex().Match(b).Value.Trim())).Where(t => t.Length >= 20)];
    }

    private async Task<IReadOnlyList<string>> CacheablePathsAsync()
    {
        await using var db = await Dbs().CreateDbContextAsync(Ct);
        var staff = await db.StaffUserIds.Distinct().ToListAsync(Ct);
        var customers = await db.Users.Where(u => u.DeletedAt == null && !db.StaffUserIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(Ct);
        var posts = await db.Posts.Select(p => p.Id).ToListAsync(Ct);
        return
        [
            "/", "/ideas", "/ideas?sort=new", "/ideas?sort=top", "/ideas?sort=discussed", "/roadmap", "/changelog", "/team",
            .. staff.Select(id => $"/team/{id}"), .. customers.Select(id => $"/people/{id}"), .. posts.Select(id => $"/posts/{id}"),
        ];
    }

    private IDbContextFactory<CareDb> Dbs() => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    [GeneratedRegex(@"^[\p{L}\p{N} ,.'’-]+")]
    private static partial Regex PlainStartRegex();
}

public sealed class SqliteVisitorCachePrivacyTests(PortalFactory portal) : VisitorCachePrivacyTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresVisitorCachePrivacyTests(PostgresPortalFactory portal)
    : VisitorCachePrivacyTests(portal), IClassFixture<PostgresPortalFactory>;
