using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Tests.Unit.Infrastructure;

public sealed class TextRulesTests
{
    public static TheoryData<string> InvisibleOnly() =>
    [
        "", "   ", "\t\n", "\u200B\u200B\u200B\u200B\u200B\u200B", "\u200C\u200D\u200D", "\uFEFF\uFEFF", "\u2060\u2060\u2060",
        "\u180E\u180E", "\u3164\u3164\u3164\u3164\u3164", "\u115F\u1160", "\uFFA0\uFFA0", "\u2800\u2800\u2800", "\u00AD\u00AD",
        "\u00A0\u3000\u2003", "\uFE0F\uFE0F\uFE0F", "\u200E\u200F\u061C", "\U000E0041\U000E007F", "\0\0\0\0\0",
        "\u202E\u202E\u2066\u2069", "\u034F\u17B4\u17B5", "\u200B \u3164 \uFEFF \u2060 \u180E",
    ];

    [Theory]
    [MemberData(nameof(InvisibleOnly))]
    public void Text_of_only_invisible_whitespace_or_control_characters_is_blank(string text)
    {
        Assert.True(TextRules.IsBlank(text));
        Assert.True(TextRules.IsBlank(TextRules.Line(text)));
        Assert.True(TextRules.IsBlank(TextRules.Block(text)));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("中")]
    [InlineData("😀")]
    [InlineData("❤️")]
    [InlineData("שלום")]
    [InlineData("\u200Bx\u200B")]
    public void Text_with_anything_that_shows_is_not_blank(string text) => Assert.False(TextRules.IsBlank(TextRules.Line(text)));

    [Theory]
    [InlineData('\u202A')]
    [InlineData('\u202B')]
    [InlineData('\u202C')]
    [InlineData('\u202D')]
    [InlineData('\u202E')]
    [InlineData('\u2066')]
    [InlineData('\u2067')]
    [InlineData('\u2068')]
    [InlineData('\u2069')]
    public void Bidi_embeddings_overrides_and_isolates_are_removed(char control)
    {
        Assert.Equal("invoice_fdp.exe", TextRules.Line($"invoice_{control}fdp.exe"));
        Assert.Equal("Rechnung\nfdp", TextRules.Block($"Rechnung\n{control}fdp{control}"));
    }

    [Fact]
    public void Right_to_left_text_and_its_marks_stay()
    {
        Assert.Equal("שלום עולם", TextRules.Line("שלום עולם"));
        Assert.Equal("abc\u200Fdef", TextRules.Line("abc\u200Fdef"));
    }

    [Fact]
    public void Nul_and_other_controls_go_but_a_block_keeps_its_lines_and_tabs()
    {
        Assert.Equal("Hello world", TextRules.Line("Hel\0lo\u0007 wor\u001Bld\u0085\u009F"));
        Assert.Equal("one\ntwo\n\tthree\nfour\nfive", TextRules.Block("one\r\ntwo\r\tthree\u2028four\nfi\0ve\u007F"));
        Assert.Equal("one two three", TextRules.Line("one\ntwo\tthree"));
    }

    [Fact]
    public void Text_is_stored_in_NFC_and_counted_after_it()
    {
        var decomposed = "Mu\u0308ller und Cafe\u0301";

        var clean = TextRules.Line(decomposed);

        Assert.Equal("Müller und Café", clean);
        Assert.Equal(15, clean.Length);
        Assert.Equal(17, decomposed.Length);
    }

    [Fact]
    public void Whitespace_and_invisible_characters_at_the_ends_go_but_inside_and_emoji_parts_stay()
    {
        Assert.Equal("Hello", TextRules.Line("\u200B\uFEFF  Hello \u2060\u3164\u00A0"));
        Assert.Equal("❤️", TextRules.Line(" ❤️ "));
        Assert.Equal("👨‍👩‍👧", TextRules.Line("👨‍👩‍👧"));
        var england = "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F";
        Assert.Equal(england, TextRules.Line(england));
        Assert.Equal("first\n\nsecond", TextRules.Block("\n\n  first\n\nsecond  \n\n"));
    }

    [Fact]
    public void Half_a_surrogate_pair_becomes_the_replacement_character_instead_of_failing()
    {
        Assert.Equal("a\uFFFDb\uFFFD", TextRules.Line("a\uD800b\uDC00"));
        Assert.Equal("😀", TextRules.Line("😀"));
    }

    [Fact]
    public void Limits_count_UTF16_code_units_so_an_emoji_is_two()
    {
        Assert.Equal(2, TextRules.Line("😀").Length);
        Assert.Equal(10_000, TextRules.Block(string.Concat(Enumerable.Repeat("😀", 5_000))).Length);
    }

    [Theory]
    [InlineData("Anna Berger")]
    [InlineData("anna berger")]
    [InlineData("ANNA  BERGER")]
    [InlineData("AnnaBerger")]
    [InlineData(" Anna\u00A0Berger ")]
    [InlineData("Anna\u200B Berger")]
    [InlineData("An\u200Dna Ber\uFEFFger")]
    [InlineData("Ａｎｎａ Ｂｅｒｇｅｒ")]
    [InlineData("\u0410nna Berger")]
    [InlineData("Аnnа Веrgеr")]
    [InlineData("Anna\u202E Berger")]
    [InlineData("Anna\tBerger")]
    public void Names_that_read_as_Anna_Berger_have_her_key(string name) =>
        Assert.Equal(TextRules.NameKey("Anna Berger"), TextRules.NameKey(name));

    [Theory]
    [InlineData("Anna Bergmann")]
    [InlineData("Änna Berger")]
    [InlineData("Anna B.")]
    [InlineData("Hanna Berger")]
    public void Other_names_have_other_keys(string name) =>
        Assert.NotEqual(TextRules.NameKey("Anna Berger"), TextRules.NameKey(name));

    [Fact]
    public void Null_is_empty() => Assert.Equal("", TextRules.Block(null));
}
