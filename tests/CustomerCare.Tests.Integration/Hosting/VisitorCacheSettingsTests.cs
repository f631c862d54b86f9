using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary><c>Live:CachedPageSeconds</c>: 0 keeps no page; a value out of range stops start-up naming it.</summary>
public sealed class VisitorCacheSettingsTests
{
    [Fact]
    public async Task With_CachedPageSeconds_0_no_page_is_kept()
    {
        await using var portal = new PortalFactory().With("Live:CachedPageSeconds", "0");
        using var visitor = new VisitorBrowser(portal);

        await visitor.GetAsync("/");

        Assert.False((await visitor.GetAsync("/")).FromCache);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("86401")]
    public async Task A_CachedPageSeconds_out_of_range_stops_start_up_naming_it(string seconds)
    {
        await using var portal = new EmptyPortalFactory().With("Live:CachedPageSeconds", seconds);

        var error = Assert.ThrowsAny<Exception>(() => portal.CreateClient());

        Assert.Contains("Live:CachedPageSeconds", error.ToString(), StringComparison.Ordinal);
    }
}
