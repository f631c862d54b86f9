using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Posts;

namespace CustomerCare.Tests.Unit.Ideas;

/// <summary>The board's view as it stands in the address: every value reads back as written, anything else is the default.</summary>
public sealed class BoardAddressTests
{
    [Fact]
    public void Every_sort_and_status_reads_back_as_written()
    {
        foreach (var sort in BoardAddress.Sorts)
        {
            Assert.Equal(sort, BoardAddress.ParseSort(BoardAddress.SortValue(sort)));
        }

        foreach (var status in PostRules.IdeaStatuses)
        {
            Assert.Equal(BoardStatusFilter.Exactly(status), BoardAddress.ParseStatus(BoardAddress.StatusValue(status)));
        }

        Assert.Equal(BoardStatusFilter.Open, BoardAddress.ParseStatus(BoardAddress.StatusValue(BoardStatusFilter.Open)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("oldest")]
    [InlineData("solved")]
    [InlineData("<script>")]
    public void Unknown_values_fall_back_to_the_default_board(string? value)
    {
        Assert.Equal(BoardSort.Trending, BoardAddress.ParseSort(value));
        Assert.Equal(BoardStatusFilter.All, BoardAddress.ParseStatus(value));
    }

    [Theory]
    [InlineData(" TOP ", BoardSort.Top)]
    [InlineData("Discussed", BoardSort.Discussed)]
    public void Sort_values_are_read_trimmed_and_in_any_case(string value, BoardSort expected)
    {
        Assert.Equal(expected, BoardAddress.ParseSort(value));
    }

    [Theory]
    [InlineData("app", "app")]
    [InlineData(" Billing-2 ", "billing-2")]
    [InlineData("a/b", null)]
    [InlineData("rechnung?x=1", null)]
    [InlineData("", null)]
    public void Categories_are_slugs_or_nothing(string value, string? expected)
    {
        Assert.Equal(expected, BoardAddress.ParseCategory(value));
    }

    [Fact]
    public void The_default_view_leaves_the_address_empty_and_visitors_get_no_personal_filters()
    {
        Assert.All(BoardAddress.ToParameters(new BoardQuery(), signedIn: true).Values, Assert.Null);

        var mine = new BoardQuery(BoardSort.Top, Mine: true, VotedByMe: true, Search: "  Rechnung  ");
        var visitor = BoardAddress.ToParameters(mine, signedIn: false);
        var member = BoardAddress.ToParameters(mine, signedIn: true);

        Assert.Equal(("top", null, null, "Rechnung"), (visitor["sort"], visitor["mine"], visitor["voted"], visitor["q"]));
        Assert.Equal(("true", "true"), (member["mine"], member["voted"]));
    }

    [Fact]
    public void A_search_longer_than_a_search_may_be_is_cut()
    {
        var search = BoardAddress.ParseSearch(new string('a', 1000));

        Assert.InRange(search!.Length, 1, 999);
        Assert.Null(BoardAddress.ParseSearch("   "));
    }

    [Fact]
    public void The_page_and_its_export_read_the_same_address_into_the_same_board()
    {
        var query = BoardAddress.Parse("top", "under-review", "App", "true", "true", "  Rechnung  ", signedIn: true, ["app", "tarife"]);

        Assert.Equal(new BoardQuery(BoardSort.Top, BoardStatusFilter.Exactly(PostStatus.UnderReview), "app", Mine: true, VotedByMe: true, Search: "Rechnung"), query);
    }

    [Fact]
    public void An_unknown_category_shows_the_whole_board_and_mine_counts_only_when_signed_in()
    {
        var query = BoardAddress.Parse(null, null, "no-such-category", "true", "true", null, signedIn: false, ["app"]);

        Assert.Equal(new BoardQuery(BoardSort.Trending, BoardStatusFilter.All), query);
    }

    [Fact]
    public void The_export_link_carries_the_boards_filters_and_leaves_defaults_out()
    {
        Assert.Equal("/export/board.csv", BoardAddress.ExportPath(new BoardQuery(), signedIn: true));
        Assert.Equal(
            "/export/board.csv?sort=top&status=open-all&category=app&mine=true&q=Stra%C3%9Fe%20%26%20Co",
            BoardAddress.ExportPath(new BoardQuery(BoardSort.Top, BoardStatusFilter.Open, "app", Mine: true, Search: "Straße & Co"), signedIn: true));
        Assert.Equal("/export/board.csv", BoardAddress.ExportPath(new BoardQuery(Mine: true, VotedByMe: true), signedIn: false));
    }
}
