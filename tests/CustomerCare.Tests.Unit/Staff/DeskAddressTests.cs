using CustomerCare.Web.Features.Staff;

namespace CustomerCare.Tests.Unit.Staff;

/// <summary>The desk's view in the address: the team lead's badge links to the escalated complaints; anything unknown is the default.</summary>
public sealed class DeskAddressTests
{
    [Fact]
    public void Every_filter_tenure_step_and_sort_reads_back_as_written()
    {
        foreach (var filter in Enum.GetValues<DeskFilter>())
        {
            foreach (var years in DeskQuery.TenureSteps.Cast<int?>().Append(null))
            {
                var query = new DeskQuery(filter, ByTenure: years is 5, years);
                var address = DeskAddress.ToParameters(query);

                Assert.Equal(query, DeskAddress.Parse(address["filter"] as string, address["tenure"]?.ToString(), address["sort"] as string));
            }
        }
    }

    [Theory]
    [InlineData("everything", "3", "oldest")]
    [InlineData("", "-5", "")]
    [InlineData(null, "10 years", null)]
    public void Unknown_values_fall_back_to_the_whole_desk(string? filter, string? tenure, string? sort)
    {
        Assert.Equal(new DeskQuery(), DeskAddress.Parse(filter, tenure, sort));
    }

    [Fact]
    public void The_escalation_badge_links_to_the_escalated_complaints()
    {
        Assert.Equal("/staff?filter=escalated", DeskAddress.Escalated);
        Assert.Equal(DeskFilter.Escalated, DeskAddress.Parse("escalated", null, null).Filter);
    }

    [Fact]
    public void The_export_link_carries_the_desks_filters_and_reads_back_as_the_same_desk()
    {
        var query = new DeskQuery(DeskFilter.Unassigned, ByTenure: true, MinTenureYears: 5);

        var path = DeskAddress.ExportPath(query);

        Assert.Equal("/export/desk.csv?filter=unassigned&tenure=5&sort=tenure", path);
        var values = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + path).Query);
        Assert.Equal(query, DeskAddress.Parse(values["filter"], values["tenure"], values["sort"]));
        Assert.Equal("/export/desk.csv", DeskAddress.ExportPath(new DeskQuery()));
    }
}
