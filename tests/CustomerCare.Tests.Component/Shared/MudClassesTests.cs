using AngleSharp.Dom;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Components.Shared;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Votes;
using MudBlazor;

namespace CustomerCare.Tests.Component.Shared;

/// <summary>
/// The markup that imitates MudBlazor components on every open page (board cards, author lines, faces, the vote
/// button, icons) carries the classes the real components render, taken from <see cref="MudClasses"/>. Each case
/// renders our piece and the MudBlazor component with the same parameters and compares the class lists element by
/// element (as sets: the order of classes means nothing to CSS), so a MudBlazor upgrade that changes its markup fails
/// here and is fixed in MudClasses. Classes our markup adds or leaves out on purpose are named in each case.
/// </summary>
public sealed class MudClassesTests : ComponentTestContext
{
    private static readonly AuthorInfo Customer = new("u1", "Clara Schmidt", null, null, new DateTime(2014, 3, 1, 0, 0, 0, DateTimeKind.Utc), false);

    [Theory]
    [InlineData(PostStatus.Open, Color.Default)]
    [InlineData(PostStatus.UnderReview, Color.Info)]
    [InlineData(PostStatus.Planned, Color.Primary)]
    [InlineData(PostStatus.InProgress, Color.Warning)]
    [InlineData(PostStatus.Shipped, Color.Success)]
    [InlineData(PostStatus.Solved, Color.Success)]
    [InlineData(PostStatus.Declined, Color.Error)]
    public void Status_chip_classes_match_MudChip_outlined_small(PostStatus status, Color color)
    {
        var ours = Render<StatusChip>(p => p.Add(c => c.Status, status)).Find("[data-testid=status-chip]");
        var mud = MudChipElement(Render<MudChip<string>>(p => p
            .Add(c => c.Variant, Variant.Outlined).Add(c => c.Size, Size.Small).Add(c => c.Color, color).AddChildContent("x")));

        // Added ma-0: the rows our chips sit in space them with gap-*, and MudChip's own margin (4px) would come on top.
        // Left out: MudChip's container element (display: contents), which only its key handling needs.
        AssertClasses(mud, ours, added: ["ma-0"]);
        AssertClasses(mud.Children.Single(), ours.Children.Single());
    }

    [Fact]
    public void Private_chip_classes_match_MudChip_text_small_with_icon()
    {
        UseDatabase(); // the card carries the vote button's service, ideas or not
        var complaint = Card() with { Kind = PostKind.Complaint, IsPublic = false };
        var ours = Render<PostCard>(p => p.Add(c => c.Post, complaint)).Find("[data-testid=status-chip] + span");
        var mud = MudChipElement(Render<MudChip<string>>(p => p
            .Add(c => c.Variant, Variant.Text).Add(c => c.Size, Size.Small).Add(c => c.Icon, Icons.Material.Filled.Lock).AddChildContent("x")));

        AssertClasses(mud, ours, added: ["ma-0"]);
        Assert.Equal(2, ours.Children.Length);
        AssertClasses(mud.Children[0], ours.Children[0]); // the icon
        AssertClasses(mud.Children[1], ours.Children[1]); // the text
    }

    [Theory]
    [InlineData(false, Variant.Outlined)]
    [InlineData(true, Variant.Filled)]
    public void Vote_button_classes_match_MudButton_small_primary_with_start_icon(bool voted, Variant variant)
    {
        UseDatabase();
        var ours = Render<VoteButton>(p => p.Add(c => c.PostId, 7).Add(c => c.Count, 3).Add(c => c.Voted, voted)).Find("button");
        var mud = Render<MudButton>(p => p
            .Add(c => c.Variant, variant).Add(c => c.Color, Color.Primary).Add(c => c.Size, Size.Small)
            .Add(c => c.StartIcon, Icons.Material.Filled.ThumbUp).AddChildContent("3")).Find("button");

        AssertClasses(mud, ours);
        var (mudLabel, ourLabel) = (mud.Children.Single(), ours.Children.Single());
        AssertClasses(mudLabel, ourLabel);
        var (mudStartIcon, ourStartIcon) = (mudLabel.Children[0], ourLabel.Children[0]);
        AssertClasses(mudStartIcon, ourStartIcon);
        AssertClasses(mudStartIcon.Children.Single(), ourStartIcon.Children.Single()); // the icon
    }

    [Theory]
    [InlineData(Size.Small)]
    [InlineData(Size.Medium)]
    [InlineData(Size.Large)]
    public void Avatar_classes_match_MudAvatar(Size size)
    {
        var ours = Render<UserAvatar>(p => p.Add(c => c.Name, "Anna Berger").Add(c => c.Size, size)).Find("[title]");
        var mud = Render<MudAvatar>(p => p.Add(c => c.Size, size).AddChildContent("AB")).Find("div");

        AssertClasses(mud, ours);
    }

    [Fact]
    public void Avatar_picture_classes_match_MudImage_in_MudAvatar_without_its_object_fit()
    {
        var ours = Render<UserAvatar>(p => p.Add(c => c.Name, "Anna Berger").Add(c => c.AvatarUrl, "/a.svg").Add(c => c.Size, Size.Small)).Find("[title]");
        var mud = Render<MudAvatar>(p => p.Add(c => c.Size, Size.Small)
            .AddChildContent<MudImage>(i => i.Add(x => x.Src, "/a.svg").Add(x => x.Alt, "Anna Berger"))).Find("div");

        AssertClasses(mud, ours);
        // Left out: MudImage's defaults ObjectFit.Fill and ObjectPosition.Center, so MudBlazor's own rule for an image
        // in an avatar (object-fit: cover) applies and a face that is not square is cropped, not stretched.
        AssertClasses(mud.Children.Single(), ours.Children.Single(), omitted: ["object-fill", "object-center"]);
    }

    [Fact]
    public void Author_line_classes_match_MudText_body2_and_caption()
    {
        var line = Render<AuthorLine>(p => p.Add(c => c.Author, Customer)).Find("[data-testid=author]");
        var (name, tenure) = (line.QuerySelector("p")!, line.QuerySelector("p + span")!);

        AssertClasses(MudTextElement(Typo.body2), name);
        AssertClasses(MudTextElement(Typo.caption), tenure, added: [MudClasses.TextSecondary]);
    }

    [Fact]
    public void Board_card_classes_match_MudCard_with_MudCardContent()
    {
        UseDatabase();
        var ours = Render<PostCard>(p => p.Add(c => c.Post, Card())).Find("[data-testid=post-card]");
        var mud = Render<MudCard>(p => p.AddChildContent<MudCardContent>(c => c.AddChildContent("x"))).Find("div");

        AssertClasses(mud, ours, added: ["mb-3"]);
        AssertClasses(mud.Children.Single(), ours.Children.Single(), added: ["d-flex", "gap-4"]);
    }

    [Fact]
    public void Card_title_classes_match_MudLink_h6()
    {
        UseDatabase();
        var ours = Render<PostCard>(p => p.Add(c => c.Post, Card())).Find("[data-testid=post-title]");
        var mud = Render<MudLink>(p => p.Add(c => c.Href, "/posts/7").Add(c => c.Typo, Typo.h6).AddChildContent("x")).Find("a");

        AssertClasses(mud, ours, added: ["cc-card-title"]);
    }

    [Fact]
    public void Card_excerpt_and_reply_count_classes_match_MudText_body2_and_caption()
    {
        UseDatabase();
        var card = Render<PostCard>(p => p.Add(c => c.Post, Card()));
        var excerpt = card.FindAll("p").Single(p => p.TextContent == Card().Excerpt);
        var replies = card.Find("[data-testid=reply-count]").ParentElement!;

        AssertClasses(MudTextElement(Typo.body2), excerpt, added: ["cc-excerpt", "mb-2"]);
        AssertClasses(MudTextElement(Typo.caption), replies, added: ["d-flex", "align-center", "gap-1", MudClasses.TextSecondary]);
    }

    [Fact]
    public void Small_icon_matches_MudIcon_small()
    {
        var ours = Render(b => b.AddContent(0, IconMarkup.Small(Icons.Material.Filled.ChatBubbleOutline)));
        var mud = Render<MudIcon>(p => p.Add(c => c.Icon, Icons.Material.Filled.ChatBubbleOutline).Add(c => c.Size, Size.Small));

        AssertClasses(mud.Find("svg"), ours.Find("svg"));
        ours.MarkupMatches(mud.Markup); // and the rest of the svg
    }

    [Fact]
    public void Markdown_note_takes_MudText_body2_font_without_its_base_class()
    {
        var history = Render<StatusHistory>(p => p.Add(c => c.History,
            [new StatusChangeView(PostStatus.Open, PostStatus.Planned, "Petra Owner", "Next quarter.", DateTime.UtcNow)]));
        var note = history.FindAll(".cc-markdown").Single().ParentElement!;

        // The font only: the note is a block around markdown paragraphs, which keep their own margins.
        AssertClasses(MudTextElement(Typo.body2), note, added: [MudClasses.TextSecondary], omitted: [MudClasses.Typography]);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(1234)]
    public void Badge_caps_its_count_as_MudBadge_does(int count)
    {
        // The bubble's look is ours (cc-badge in app.css, no MudBadge classes); only MudBadge's cap is imitated.
        var ours = Render(BadgeMarkup.Count(count, "cc-badge")).Find("span");
        var mud = Render<MudBadge>(p => p.Add(c => c.Content, count).AddChildContent("x")).Find("[role=status]");

        Assert.Equal(mud.TextContent, ours.TextContent);
    }

    /// <summary>
    /// <paramref name="ours"/> has exactly the classes of <paramref name="mud"/>, with <paramref name="added"/> and
    /// without <paramref name="omitted"/>, in any order.
    /// </summary>
    private static void AssertClasses(IElement mud, IElement ours, string[]? added = null, string[]? omitted = null)
    {
        foreach (var name in omitted ?? [])
        {
            Assert.Contains(name, mud.ClassList); // left out on purpose only while MudBlazor still renders it
        }

        var expected = mud.ClassList.Except(omitted ?? []).Concat(added ?? []).Order(StringComparer.Ordinal);
        Assert.Equal(expected, ours.ClassList.Order(StringComparer.Ordinal));
    }

    // MudChip renders its chip inside a container element.
    private static IElement MudChipElement(IRenderedComponent<MudChip<string>> chip) => chip.Find("div > div");

    private IElement MudTextElement(Typo typo) => Render<MudText>(p => p.Add(c => c.Typo, typo).AddChildContent("x")).Find("*");

    private static PostSummary Card() => new(
        7, PostKind.Idea, "Read the meter by photo", "Snap a picture of the meter and the app reads it.", Customer,
        new DateTime(2026, 10, 1, 9, 0, 0, DateTimeKind.Utc), PostStatus.Open, 42, 7, true, false);
}
