using AngleSharp.Html.Parser;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Tests.Unit.Infrastructure;

/// <summary>The one path from user text to HTML: whatever people type, nothing in it can run.</summary>
public sealed class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    public static TheoryData<string> Payloads => [.. XssCorpus.Payloads];

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Payload_is_rendered_inert(string payload)
    {
        var html = Renderer.ToHtml(payload);

        XssCorpus.AssertInert(new HtmlParser().ParseDocument($"<body>{html}</body>").Body!);
    }

    [Fact]
    public void Links_are_kept_and_marked_as_user_content()
    {
        var html = Renderer.ToHtml("See [our tariffs](https://example.com/tarife).");

        var link = new HtmlParser().ParseDocument(html).QuerySelector("a")!;
        Assert.Equal("https://example.com/tarife", link.GetAttribute("href"));
        Assert.Equal("nofollow ugc", link.GetAttribute("rel"));
    }

    [Fact]
    public void Ordinary_markdown_keeps_its_formatting()
    {
        var html = Renderer.ToHtml("**Bitte** _schnell_:\n\n- Zählerstand\n- Abschlag");

        Assert.Contains("<strong>Bitte</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>schnell</em>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Zählerstand</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Excerpt_is_plain_text_cut_at_the_limit()
    {
        var text = Renderer.ToPlainText("# Title\n\n**Bold** words and a [link](https://example.com) " + new string('x', 300), 40);

        Assert.DoesNotContain("*", text, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
        Assert.True(text.Length <= 41, text);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("# A\n\n## B\n\n# C", new[] { 2, 3, 2 })]
    [InlineData("### A\n\n##### B\n\n###### C", new[] { 2, 3, 4 })]
    [InlineData("#### A\n\n# B\n\n#### C", new[] { 2, 2, 3 })]
    [InlineData("## A\n\n###### B", new[] { 2, 3 })]
    public void Headings_below_a_page_title_start_at_the_given_level_and_never_skip_one(string markdown, int[] levels)
    {
        var html = Renderer.ToHtml(markdown, topLevel: 2);

        var found = new HtmlParser().ParseDocument(html).QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => h.TagName[1] - '0');
        Assert.Equal(levels, found);
    }

    [Fact]
    public void Text_with_moved_headings_is_still_sanitized()
    {
        var html = Renderer.ToHtml("## Hi\n\n[x](javascript:alert(1)) <script>alert(1)</script>", topLevel: 2);

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<h2>Hi</h2>", html, StringComparison.Ordinal);
    }
}
