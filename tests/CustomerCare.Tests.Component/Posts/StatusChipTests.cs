using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Posts;

namespace CustomerCare.Tests.Component.Posts;

public sealed class StatusChipTests : ComponentTestContext
{
    [Theory]
    [InlineData(PostStatus.UnderReview, "Under review")]
    [InlineData(PostStatus.InProgress, "In progress")]
    [InlineData(PostStatus.Shipped, "Shipped")]
    public void Status_chip_names_the_status_in_English(PostStatus status, string expected)
    {
        var chip = Render<StatusChip>(p => p.Add(c => c.Status, status));

        Assert.Equal(expected, chip.Find("[data-testid=status-chip]").TextContent.Trim());
    }

    [Fact]
    public void Status_chip_speaks_German_when_the_culture_is_German()
    {
        UseCulture("de");

        var chip = Render<StatusChip>(p => p.Add(c => c.Status, PostStatus.Planned));

        Assert.Equal("Geplant", chip.Find("[data-testid=status-chip]").TextContent.Trim());
    }

    [Theory]
    [InlineData("en", "Status: Planned")]
    [InlineData("de", "Status: Geplant")]
    public void A_screen_reader_hears_that_the_chip_is_a_status(string culture, string expected)
    {
        UseCulture(culture);

        var chip = Render<StatusChip>(p => p.Add(c => c.Status, PostStatus.Planned));

        // The prefix is hidden from sight only (cc-visually-hidden) and read just before the chip's word.
        Assert.Equal("cc-visually-hidden", chip.Find("[data-testid=status-chip]").PreviousElementSibling?.ClassName);
        Assert.Equal(expected, string.Join(" ", chip.Nodes.Select(n => n.TextContent.Trim()).Where(t => t.Length > 0)));
    }

    [Fact]
    public void Declined_and_shipped_look_different()
    {
        var declined = Render<StatusChip>(p => p.Add(c => c.Status, PostStatus.Declined)).Find(".mud-chip").ClassName;
        var shipped = Render<StatusChip>(p => p.Add(c => c.Status, PostStatus.Shipped)).Find(".mud-chip").ClassName;

        Assert.Contains("error", declined, StringComparison.Ordinal);
        Assert.Contains("success", shipped, StringComparison.Ordinal);
    }
}
