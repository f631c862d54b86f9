using System.Net;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Roadmap;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Roadmap;

/// <summary>Over the demo data: five shipped ideas in four releases.</summary>
public sealed class ChangelogTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shipped_ideas_are_grouped_by_release_newest_release_first()
    {
        var releases = await portal.Services.GetRequiredService<ChangelogService>().ListAsync(Ct);

        Assert.Equal(["App 3.4", "Portal 5.1", "App 3.2", "Portal 5.0"], releases.Select(r => r.Name));
        Assert.Equal(2, releases.Single(r => r.Name == "Portal 5.1").Ideas.Count);
        Assert.True(releases.Zip(releases.Skip(1)).All(pair => pair.First.ShippedAt >= pair.Second.ShippedAt));
    }

    [Fact]
    public async Task Each_shipped_idea_credits_the_customer_who_proposed_it_with_the_product_owners_note()
    {
        var releases = await portal.Services.GetRequiredService<ChangelogService>().ListAsync(Ct);

        var meterByPhoto = releases.Single(r => r.Name == "App 3.2").Ideas.Single();
        Assert.Equal("Zählerstand per Foto in der App erfassen", meterByPhoto.Title);
        Assert.Equal("Klaus Meier", meterByPhoto.Proposer.DisplayName);
        Assert.False(meterByPhoto.Proposer.IsStaff);
        Assert.Contains("App 3.2", meterByPhoto.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changelog_page_shows_releases_and_credit_in_both_languages()
    {
        using var english = portal.CreateClient();
        using var german = portal.CreateClient();
        german.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");

        var en = WebUtility.HtmlDecode(await english.GetStringAsync(new Uri("/changelog", UriKind.Relative), Ct));
        var de = WebUtility.HtmlDecode(await german.GetStringAsync(new Uri("/changelog", UriKind.Relative), Ct));

        Assert.Contains("App 3.2", en, StringComparison.Ordinal);
        Assert.Contains("Idea by Klaus Meier", en, StringComparison.Ordinal);
        Assert.Contains("Idee von Klaus Meier", de, StringComparison.Ordinal);
        Assert.DoesNotContain("**", en, StringComparison.Ordinal);
    }
}
