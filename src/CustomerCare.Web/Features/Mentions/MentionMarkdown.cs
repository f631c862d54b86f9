using System.Globalization;
using CustomerCare.Web.Components.Shared;
using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;

namespace CustomerCare.Web.Features.Mentions;

/// <summary>
/// How a mention is shown: the person's current name and, when they may see the text, the address of their profile.
/// A mention without one (no such person, or shown outside a post) shows the name the writer saw, as plain text.
/// </summary>
public sealed record MentionShown(string Name, string? Href);

/// <summary>A mention in a parsed text; <see cref="Shown"/> is set by the renderer's caller before writing HTML.</summary>
public sealed class MentionInline(string id, string writtenName) : LeafInline
{
    public string Id { get; } = id;

    public string WrittenName { get; } = writtenName;

    public MentionShown? Shown { get; set; }
}

/// <summary>
/// The Markdig extension for <c>@[Name](id)</c>: parsed before links (so it is never a link to "id"), never inside code.
/// Written as <c>&lt;a href="/people/…" class="cc-mention"&gt;@Name&lt;/a&gt;</c>, or "@Name" as text; both escaped by
/// Markdig and then passed through the one sanitizer with everything else.
/// </summary>
public sealed class MentionExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (!pipeline.InlineParsers.Contains<MentionParser>())
        {
            pipeline.InlineParsers.Insert(0, new MentionParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<MentionRenderer>())
        {
            html.ObjectRenderers.Insert(0, new MentionRenderer());
        }
    }

    private sealed class MentionParser : InlineParser
    {
        public MentionParser() => OpeningCharacters = ['@'];

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            var match = MentionToken.AtStart().Match(slice.Text, slice.Start, slice.End - slice.Start + 1);
            if (!match.Success)
            {
                return false;
            }

            var start = processor.GetSourcePosition(slice.Start, out var line, out var column);
            processor.Inline = new MentionInline(match.Groups["id"].Value, match.Groups["name"].Value)
            {
                Span = new(start, start + match.Length - 1), Line = line, Column = column,
            };
            slice.Start += match.Length;
            return true;
        }
    }

    private sealed class MentionRenderer : HtmlObjectRenderer<MentionInline>
    {
        protected override void Write(HtmlRenderer renderer, MentionInline mention)
        {
            // The written name of an erased account was renamed to the placeholder, said in the reader's language.
            var name = mention.Shown?.Name ?? PersonName.Shown(mention.WrittenName, CultureInfo.CurrentUICulture);
            if (renderer.EnableHtmlForInline && mention.Shown?.Href is { } href)
            {
                renderer.Write("<a href=\"").WriteEscapeUrl(href).Write("\" class=\"cc-mention\">@").WriteEscape(name).Write("</a>");
                return;
            }

            renderer.Write('@').WriteEscape(name);
        }
    }
}
