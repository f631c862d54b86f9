using AngleSharp.Html.Parser;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Tests.Component;

/// <summary>The one path from user text to HTML: whatever people type, nothing in it can run.</summary>
public sealed class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static readonly string[] DangerousElements = ["script", "iframe", "object", "embed", "svg", "math", "style", "form", "meta", "link", "img"];

    public static TheoryData<string> Payloads =>
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox(1))",
        "![x](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<body onload=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",
        "`<script>` in code is fine, <script>alert(1)</script> outside is not",
        "[x](https://example.com\" onmouseover=\"alert(1))",
        "<a href=\"https://example.com\" onclick=\"alert(1)\">x</a>",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Payload_is_rendered_inert(string payload)
    {
        var html = Renderer.ToHtml(payload);

        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, DangerousElements);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} survived in {html}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src")
                {
                    Assert.Matches("^(https?:|mailto:|/|#)", attribute.Value);
                }
            }
        }
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
}
