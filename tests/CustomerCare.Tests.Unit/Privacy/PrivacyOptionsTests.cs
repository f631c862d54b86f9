using CustomerCare.Web.Features.Privacy;

namespace CustomerCare.Tests.Unit.Privacy;

/// <summary>A notice configured for a language the portal does not speak, or to nothing, stops start-up naming the setting.</summary>
public sealed class PrivacyOptionsTests
{
    [Fact]
    public void Notices_for_the_portals_languages_are_fine()
    {
        var options = new PrivacyOptions { Notice = { ["en"] = "privacy/en.md", ["DE"] = "/etc/customercare/de.md" } };

        Assert.Empty(options.Problems());
    }

    [Fact]
    public void A_language_the_portal_does_not_speak_is_named()
    {
        var options = new PrivacyOptions { Notice = { ["fr"] = "privacy/fr.md" } };

        var problem = Assert.Single(options.Problems());
        Assert.StartsWith("Privacy:Notice:fr ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_path_is_named()
    {
        var options = new PrivacyOptions { Notice = { ["de"] = " " } };

        var problem = Assert.Single(options.Problems());
        Assert.StartsWith("Privacy:Notice:de is empty", problem, StringComparison.Ordinal);
    }
}
