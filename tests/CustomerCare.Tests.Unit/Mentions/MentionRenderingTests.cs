using AngleSharp.Html.Parser;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Mentions;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Tests.Unit.Mentions;

/// <summary>A mention token through the one sanitizer: a link to the profile, or the name as text, and nothing that runs.</summary>
public sealed class MentionRenderingTests
{
    private const string AnnaId = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private static readonly MarkdownRenderer Renderer = new();

    private static readonly HtmlParser Parser = new();

    public static TheoryData<string> Payloads => [.. XssCorpus.Payloads];

    [Fact]
    public void A_mention_the_reader_may_follow_is_a_link_to_the_profile_with_the_current_name()
    {
        var html = Renderer.ToHtml($"Thanks {MentionToken.Format("Anna B.", AnnaId)}!",
            id => id == AnnaId ? new MentionShown("Anna Berger", $"/team/{AnnaId}") : null);

        var link = Parser.ParseDocument(html).QuerySelector("a")!;
        Assert.Equal($"/team/{AnnaId}", link.GetAttribute("href"));
        Assert.Equal("@Anna Berger", link.TextContent);
        Assert.Equal("cc-mention", link.GetAttribute("class"));
        Assert.StartsWith("<p>Thanks <a", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mention_of_someone_who_may_not_see_the_post_is_plain_text_without_a_link()
    {
        var html = Renderer.ToHtml($"Ask {MentionToken.Format("Bernd", "b-1")} too", id => new MentionShown("Bernd Roth", null));

        Assert.Null(Parser.ParseDocument(html).QuerySelector("a"));
        Assert.Equal("<p>Ask @Bernd Roth too</p>", html.Trim());
    }

    [Fact]
    public void An_unknown_id_shows_the_written_name_as_text_and_an_erased_account_its_placeholder()
    {
        Assert.Equal("<p>@Ghost</p>", Renderer.ToHtml("@[Ghost](nobody-here)", _ => null).Trim());
        Assert.Equal("<p>@Former customer</p>", Renderer.ToHtml("@[Clara](c-1)", _ => new MentionShown("Former customer", null)).Trim());
    }

    [Fact]
    public void Without_a_post_a_mention_is_the_written_name_as_text()
    {
        Assert.Equal("<p>Hi @Anna Berger</p>", Renderer.ToHtml($"Hi {MentionToken.Format("Anna Berger", AnnaId)}").Trim());
        Assert.Equal("Hi @Anna Berger", Renderer.ToPlainText($"Hi {MentionToken.Format("Anna Berger", AnnaId)}", 100));
    }

    [Fact]
    public void A_token_in_code_mentions_nobody()
    {
        var text = $"`{MentionToken.Format("Anna", AnnaId)}` and {MentionToken.Format("Jonas", "j-1")} and {MentionToken.Format("Jonas", "j-1")}";

        Assert.Equal(["j-1"], Renderer.MentionedIds(text));
        var html = Renderer.ToHtml(text, id => new MentionShown("X", "/people/" + id));
        Assert.Contains($"<code>@[Anna]({AnnaId})</code>", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Payload_as_the_written_name_or_the_current_name_is_rendered_inert(string payload)
    {
        var written = Renderer.ToHtml($"@[{payload.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal)}](x-1)", _ => null);
        var current = Renderer.ToHtml("@[Anna](x-1)", _ => new MentionShown(payload, "/people/x-1"));

        XssCorpus.AssertInert(Parser.ParseDocument($"<body>{written}</body>").Body!);
        var body = Parser.ParseDocument($"<body>{current}</body>").Body!;
        XssCorpus.AssertInert(body);
        Assert.Equal("@" + payload, body.QuerySelector("a.cc-mention")!.TextContent);
    }

    [Fact]
    public void A_token_cannot_smuggle_a_script_address_or_a_class()
    {
        var html = Renderer.ToHtml("@[x](javascript:alert(1)) [y](javascript:alert(1)) ```cc-mention\ncode\n```", _ => new MentionShown("x", "/people/x"));

        XssCorpus.AssertInert(Parser.ParseDocument($"<body>{html}</body>").Body!);
        Assert.DoesNotContain("class=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_keeps_the_token_whole_whatever_the_name()
    {
        Assert.Equal("@[Anna Berger](a-1)", MentionToken.Format(" Anna [Berger]\n", "a-1"));
        Assert.Equal(["a-1"], Renderer.MentionedIds(MentionToken.Format("]](evil)[", "a-1")));
    }
}
