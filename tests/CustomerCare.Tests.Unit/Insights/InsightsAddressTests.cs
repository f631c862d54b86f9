using CustomerCare.Web.Features.Insights;
using CustomerCare.Web.Features.Posts;

namespace CustomerCare.Tests.Unit.Insights;

/// <summary>The insights' query in the address and in each chart's CSV link; anything unknown is the default.</summary>
public sealed class InsightsAddressTests
{
    private static readonly IReadOnlyList<CategoryOption> Categories = [new(2, "app", "App"), new(3, "billing", "Billing")];

    [Fact]
    public void Every_period_category_and_tenure_step_reads_back_as_written()
    {
        foreach (var period in Enum.GetValues<InsightsPeriod>())
        {
            foreach (var category in new int?[] { null, 2, 3 })
            {
                foreach (var years in InsightsAddress.TenureSteps.Cast<int?>().Append(null))
                {
                    var query = new InsightsQuery(period, category, years);
                    var address = InsightsAddress.ToParameters(query, Categories);

                    Assert.Equal(query, InsightsAddress.Parse(address["period"] as string, address["category"] as string, address["tenure"]?.ToString(), Categories));
                }
            }
        }
    }

    [Fact]
    public void The_defaults_leave_the_address_empty_and_the_tenure_steps_are_the_desks()
    {
        Assert.All(InsightsAddress.ToParameters(new InsightsQuery(), Categories).Values, Assert.Null);
        Assert.Equal([1, 5, 10], InsightsAddress.TenureSteps);
    }

    [Theory]
    [InlineData("decade", "no-such-category", "3")]
    [InlineData("", "2", "-10")]
    [InlineData(null, null, "10 years")]
    public void Unknown_values_fall_back_to_four_weeks_of_everything(string? period, string? category, string? tenure)
    {
        Assert.Equal(new InsightsQuery(), InsightsAddress.Parse(period, category, tenure, Categories));
    }

    [Fact]
    public void Each_charts_csv_address_names_the_chart_in_lower_case_and_carries_the_query()
    {
        var query = new InsightsQuery(InsightsPeriod.Year, 3, 5);

        Assert.Equal("/export/insights/ideasbystatus.csv?period=year&category=billing&tenure=5",
            InsightsAddress.ExportPath(InsightsChart.IdeasByStatus, query, Categories));
        Assert.Equal("/export/insights/mood.csv", InsightsAddress.ExportPath(InsightsChart.Mood, new InsightsQuery(), Categories));
        foreach (var chart in Enum.GetValues<InsightsChart>())
        {
            Assert.Equal(chart, InsightsAddress.ParseChart(InsightsAddress.ChartValue(chart)));
        }

        Assert.Null(InsightsAddress.ParseChart("revenue"));
        Assert.Null(InsightsAddress.ParseChart(null));
    }
}
