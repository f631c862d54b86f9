using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Insights;
using CustomerCare.Web.Features.Posts;
using MudBlazor;

namespace CustomerCare.Tests.Component.Insights;

/// <summary>The charts draw the report's figures, say them in their tables, and link each figure set to its CSV.</summary>
public sealed class InsightsChartsTests : ComponentTestContext
{
    private static readonly IReadOnlyList<CategoryOption> Categories = [new(2, "app", "App"), new(3, "billing", "Billing")];

    [Fact]
    public void The_mood_chart_stacks_each_moods_count_per_week_and_its_table_says_the_same()
    {
        var cut = Render<InsightsCharts>(p => p.Add(c => c.Report, InsightsReports.Full()).Add(c => c.Categories, Categories));

        var card = cut.Find("[data-testid=insights-mood]");
        var chart = cut.FindComponents<MudChart<double>>().First(c => c.Instance.ChartType == ChartType.StackedBar);
        Assert.Equal(["Angry", "Disappointed", "Unsure", "Hopeful", "No mood given"], chart.Instance.ChartSeries.Select(s => s.Name));
        Assert.Equal([3.0, 5.0], Values(chart.Instance.ChartSeries[0]));
        Assert.Equal([2.0, 0.0], Values(chart.Instance.ChartSeries[3]));
        // Mondays in the portal's zone, whatever the server's: 23 and 30 November.
        Assert.Equal(["11/23", "11/30"], chart.Instance.ChartLabels);
        var rows = card.QuerySelectorAll("[data-testid=insights-table] tbody tr").Select(r => Cells(r, withHeader: true)).ToList();
        Assert.Equal(["11/23", "3", "1", "0", "2", "1", "7"], rows[0]);
        Assert.Equal(["11/30", "5", "0", "2", "0", "0", "7"], rows[1]);
        Assert.Equal("New complaints in this period: 14", card.QuerySelector("[data-testid=insights-mood-total]")!.TextContent.Trim());
    }

    [Fact]
    public void Answer_times_show_hours_with_one_decimal_and_shares_in_percent()
    {
        var cut = Render<InsightsCharts>(p => p.Add(c => c.Report, InsightsReports.Full()).Add(c => c.Categories, Categories));

        var cells = Cells(cut.Find("[data-testid=insights-answertimes] [data-testid=insights-table] tbody tr"));

        Assert.Equal(["4", "3.1", "8.0", "83%", "2", "1.3", "2.5", "100%"], cells);
        var week2 = Cells(cut.FindAll("[data-testid=insights-answertimes] [data-testid=insights-table] tbody tr")[1]);
        Assert.Equal(["0", "–", "–", "–", "1", "12.0", "12.0", "0%"], week2);
        var hours = cut.FindComponents<MudChart<double>>().First(c => c.Instance.ChartSeries.Count == 4 && c.Instance.ChartType == ChartType.Line);
        // A week without first answers is a gap in the line, not a zero.
        Assert.Equal([3.14159, null], hours.Instance.ChartSeries[0].Data.Points.Select(p => p.HasValue ? p.Y : (double?)null));
    }

    [Fact]
    public void Satisfaction_has_the_average_the_distribution_and_the_comments_with_their_complaint()
    {
        var cut = Render<InsightsCharts>(p => p.Add(c => c.Report, InsightsReports.Full()).Add(c => c.Categories, Categories));

        var card = cut.Find("[data-testid=insights-satisfaction]");
        Assert.Contains("Average 4.0 of 5 from 9 ratings", card.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Nov 2026", "7", "4.0", "0", "1", "0", "2", "4"], Cells(card.QuerySelector("tbody tr")!, withHeader: true));
        var comment = cut.Find("[data-testid=insights-comment]");
        Assert.Contains("2 of 5 stars", comment.TextContent, StringComparison.Ordinal);
        Assert.Contains("Took three calls.", comment.TextContent, StringComparison.Ordinal);
        Assert.Equal("/posts/41", comment.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void Ideas_by_status_go_the_ideas_way_and_top_ideas_list_each_groups_votes()
    {
        var cut = Render<InsightsCharts>(p => p.Add(c => c.Report, InsightsReports.Full()).Add(c => c.Categories, Categories));

        var donut = cut.FindComponents<MudChart<double>>().Single(c => c.Instance.ChartType == ChartType.Donut);
        Assert.Equal(["Open", "Shipped", "Declined"], donut.Instance.ChartLabels);
        Assert.Equal([7.0, 1.0, 2.0], Values(donut.Instance.ChartSeries[0]));
        var loyal = cut.Find("[data-testid=insights-top-loyal]");
        Assert.Contains("Bills as PDF", loyal.TextContent, StringComparison.Ordinal);
        Assert.Contains("6 votes", loyal.TextContent, StringComparison.Ordinal);
        Assert.Equal("/posts/8", loyal.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("5 votes", cut.Find("[data-testid=insights-top-newest]").TextContent, StringComparison.Ordinal);
        Assert.Contains("80% yes (4 of 5)", cut.Find("[data-testid=insights-solvesit-idea]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_top_list_without_votes_says_so_while_the_others_rank_their_ideas()
    {
        var full = InsightsReports.Full();
        var report = full with { TopIdeas = full.TopIdeas with { Loyal = [] } };

        var cut = Render<InsightsCharts>(p => p.Add(c => c.Report, report).Add(c => c.Categories, Categories));

        Assert.Equal("No votes yet.", cut.Find("[data-testid=insights-top-loyal] p").TextContent.Trim());
        Assert.Equal(2, cut.FindAll("[data-testid=insights-top-overall] [data-testid=insights-top-idea]").Count);
    }

    [Fact]
    public void A_period_without_figures_says_nothing_yet_instead_of_drawing_an_empty_axis()
    {
        var cut = Render<InsightsCharts>(p => p.Add(c => c.Report, InsightsReports.Empty()).Add(c => c.Categories, Categories));

        Assert.Empty(cut.FindComponents<MudChart<double>>());
        Assert.Equal(Enum.GetValues<InsightsChart>().Length, cut.FindAll("[data-testid=insights-nothing]").Count);
        Assert.All(cut.FindAll("[data-testid=insights-nothing]"), n => Assert.Equal("Nothing yet in this period.", n.TextContent.Trim()));
        // Each chart still offers its CSV: the headers, for a spreadsheet waiting for figures.
        Assert.Equal(Enum.GetValues<InsightsChart>().Length, cut.FindAll("a[data-testid=insights-csv]").Count);
    }

    [Fact]
    public void Each_charts_csv_link_carries_the_query_and_names_its_chart()
    {
        var query = new InsightsQuery(InsightsPeriod.Quarter, CategoryId: 2, MinTenureYears: 10);
        var cut = Render<InsightsCharts>(p => p.Add(c => c.Report, InsightsReports.Full(query)).Add(c => c.Categories, Categories));

        var link = cut.Find("[data-testid=insights-mood] a[data-testid=insights-csv]");

        Assert.Equal("/export/insights/mood.csv?period=quarter&category=app&tenure=10", link.GetAttribute("href"));
        Assert.True(link.HasAttribute("download"));
        Assert.Equal("Download CSV", link.TextContent.Trim());
        Assert.Equal("Download CSV: Mood of new complaints", link.GetAttribute("aria-label"));
        Assert.Equal("/export/insights/answertimes.csv?period=quarter&category=app&tenure=10",
            cut.Find("[data-testid=insights-answertimes] a[data-testid=insights-csv]").GetAttribute("href"));
    }

    [Fact]
    public void In_German_the_weeks_the_decimals_and_the_links_name_read_as_German()
    {
        UseCulture("de");
        var cut = Render<InsightsCharts>(p => p.Add(c => c.Report, InsightsReports.Full()).Add(c => c.Categories, Categories));

        var link = cut.Find("[data-testid=insights-mood] a[data-testid=insights-csv]");
        Assert.StartsWith(link.TextContent.Trim(), link.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal("Als CSV herunterladen: Stimmung neuer Beschwerden", link.GetAttribute("aria-label"));
        var cells = Cells(cut.Find("[data-testid=insights-answertimes] [data-testid=insights-table] tbody tr"), withHeader: true);
        Assert.Equal("23.11", cells[0]);
        Assert.Equal("3,1", cells[2]);
    }

    private static double[] Values(ChartSeries<double> series) => [.. series.Data.Values.Select(v => (double)v!)];

    private static string[] Cells(AngleSharp.Dom.IElement row, bool withHeader = false) =>
        [.. row.QuerySelectorAll(withHeader ? "th, td" : "td").Select(c => c.TextContent.Trim())];
}
