using AngleSharp.Dom;
using Xunit;

namespace CustomerCare.Tests.Support;

/// <summary>
/// What people have typed to make a page run their code, and the check that none of it survived. Shared by
/// the sanitizer's own tests and by every place that shows user text (replies), so both face the same attacks.
/// </summary>
public static class XssCorpus
{
    private static readonly string[] DangerousElements = ["script", "iframe", "object", "embed", "svg", "math", "style", "form", "meta", "link", "img"];

    public static IReadOnlyList<string> Payloads { get; } =
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

    /// <summary>Nothing under <paramref name="root"/> can run: no dangerous element, no handler, no style, no script link.</summary>
    public static void AssertInert(IElement root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var element in root.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, DangerousElements);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} survived in {root.InnerHtml}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src")
                {
                    Assert.Matches("^(https?:|mailto:|/|#)", attribute.Value);
                }
            }
        }
    }
}
