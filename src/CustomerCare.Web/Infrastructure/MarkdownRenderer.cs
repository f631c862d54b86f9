using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using CustomerCare.Web.Features.Mentions;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// The one path from user text to HTML in the whole product: Markdig renders (raw HTML disabled),
/// then HtmlSanitizer removes whatever could run. Links get rel="nofollow ugc".
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Use<MentionExtension>()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        return sanitizer.Sanitize(Markdown.ToHtml(markdown, pipeline));
    }

    /// <summary>
    /// Like <see cref="ToHtml(string?)"/>, with each mention shown as <paramref name="mentions"/> says (a link to the
    /// person's profile, or their name as text); a mention it answers null for shows the name the writer saw, as text.
    /// </summary>
    public string ToHtml(string? markdown, Func<string, MentionShown?> mentions)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, pipeline);
        foreach (var mention in document.Descendants<MentionInline>())
        {
            mention.Shown = mentions(mention.Id);
        }

        return sanitizer.Sanitize(document.ToHtml(pipeline));
    }

    /// <summary>The distinct people a text mentions, in order, as it renders them: a token inside code mentions nobody.</summary>
    public IReadOnlyList<string> MentionedIds(string? markdown) =>
        string.IsNullOrEmpty(markdown) || !markdown.Contains("@[", StringComparison.Ordinal)
            ? []
            : [.. Markdown.Parse(markdown, pipeline).Descendants<MentionInline>().Select(m => m.Id).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Like <see cref="ToHtml(string?)"/> for a text shown below a page's own h1 (the privacy notice): its headings are
    /// moved so that the first is <paramref name="topLevel"/> and none is more than one level deeper than the heading
    /// before it, whatever levels the author used, so the page keeps one h1 and an unbroken heading order.
    /// </summary>
    public string ToHtml(string? markdown, int topLevel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topLevel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topLevel, 6);
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, pipeline);
        var headings = document.Descendants<HeadingBlock>().ToList();
        var levels = headings.Select(h => h.Level).Distinct().Order().ToList();
        var previous = topLevel - 1;
        foreach (var heading in headings)
        {
            // The author's levels in rank order (#, ### → first, second), then no deeper than one below the last.
            var level = Math.Min(Math.Min(topLevel + levels.IndexOf(heading.Level), previous + 1), 6);
            heading.Level = Math.Max(level, topLevel);
            previous = heading.Level;
        }

        return sanitizer.Sanitize(document.ToHtml(pipeline));
    }

    public string ToPlainText(string? markdown, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var text = string.Join(' ', Markdown.ToPlainText(markdown, pipeline).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength).TrimEnd(), "…");
    }

    private const string MentionClass = "cc-mention";

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "strong", "em", "del", "ins", "mark", "sub", "sup", "code", "pre", "blockquote",
                "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "rel", "start", "class" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not AngleSharp.Dom.IElement element)
            {
                return;
            }

            // The one class kept is the mention's own on a link (MentionExtension); Markdig's others (a code block's
            // language) and anything else go.
            if (element.HasAttribute("class") && !(element.TagName == "A" && element.GetAttribute("class") == MentionClass))
            {
                element.RemoveAttribute("class");
            }

            if (element.TagName == "A")
            {
                element.SetAttribute("rel", "nofollow ugc");
            }
        };
        return sanitizer;
    }
}
