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

    [Fact]
    public void Declined_and_shipped_look_different()
    {
        var declined = Render<StatusChip>(p => p.Add(c => c.Status, PostStatus.Declined)).Find(".mud-chip").ClassName;
        var shipped = Render<StatusChip>(p => p.Add(c => c.Status, PostStatus.Shipped)).Find(".mud-chip").ClassName;

        Assert.Contains("error", declined, StringComparison.Ordinal);
        Assert.Contains("success", shipped, StringComparison.Ordinal);
    }
}
