using System.Buffers;
using System.Globalization;
using System.Text;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// The one rule for text people type, applied by every service before it stores a title, body, reply, reference, name,
/// note or reason: what is stored shows what it says. The result is NFC (one way to write "ü", so lengths and
/// comparisons mean what they seem); bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are
/// removed, since a title that runs backwards from the middle hides what it says and honest right-to-left text needs
/// none of them; NUL and the other C0 and C1 controls go, except newline and tab in a block; whitespace and invisible
/// characters at either end go. Limits are counted on the result, in UTF-16 code units (<see cref="string.Length"/>,
/// what a browser's maxlength and SQL Server's nvarchar count: an emoji is 2). Text that shows nothing at all —
/// zero-width spaces, joiners, fillers — is <see cref="IsBlank"/> and refused like empty text.
/// </summary>
public static class TextRules
{
    /// <summary>A line: a title, a name, a reference, a release. Line breaks and tabs become spaces.</summary>
    public static string Line(string? text) => Clean(text, multiline: false);

    /// <summary>A block: a body, a reply, a note, a reason. Line breaks (as <c>\n</c>) and tabs stay.</summary>
    public static string Block(string? text) => Clean(text, multiline: true);

    /// <summary>True when the text shows nothing: empty, or only whitespace, controls and invisible characters.</summary>
    public static bool IsBlank(string? text)
    {
        foreach (var rune in (text ?? "").EnumerateRunes())
        {
            if (!IsInvisible(rune))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// What two names are compared by: the cleaned line in compatibility form (NFKC: "Ａｎｎａ" is "Anna"), without
    /// whitespace and invisible characters, with Cyrillic and Greek letters that look Latin read as Latin, upper case.
    /// Not Unicode's whole confusables table: enough that a customer cannot pass for "Anna Berger" by a zero-width
    /// space, a double space, full-width letters or a Cyrillic "А".
    /// </summary>
    public static string NameKey(string? name)
    {
        var compatible = Line(name).Normalize(NormalizationForm.FormKC);
        var key = new StringBuilder(compatible.Length);
        foreach (var rune in compatible.EnumerateRunes())
        {
            if (IsInvisible(rune))
            {
                continue;
            }

            var latin = rune.IsBmp && LookAlikes.TryGetValue((char)rune.Value, out var mapped) ? new Rune(mapped) : rune;
            key.Append(Rune.ToUpperInvariant(latin).ToString());
        }

        return key.ToString();
    }

    private static string Clean(string? text, bool multiline)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                // A pair stays; half a pair (a browser sends them, escaped) cannot be normalized or shown: it becomes U+FFFD.
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    kept.Append(c).Append(text[++i]);
                }
                else
                {
                    kept.Append('\uFFFD');
                }

                continue;
            }

            switch (c)
            {
                case '\r':
                    // \r\n and a lone \r are one line break.
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    kept.Append(multiline ? '\n' : ' ');
                    break;
                case '\n' or '\u2028' or '\u2029':
                    kept.Append(multiline ? '\n' : ' ');
                    break;
                case '\t':
                    kept.Append(multiline ? '\t' : ' ');
                    break;
                default:
                    if (!IsRemoved(c))
                    {
                        kept.Append(c);
                    }

                    break;
            }
        }

        var normal = kept.ToString().Normalize(NormalizationForm.FormC);
        return TrimInvisible(normal);
    }

    // C0 and C1 controls and DEL, the bidi embeddings, overrides and isolates, interlinear annotation marks and noncharacters.
    private static bool IsRemoved(char c) =>
        c is <= '\u001F' or (>= '\u007F' and <= '\u009F')
            or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
            or (>= '\uFFF9' and <= '\uFFFB') or '\uFFFE' or '\uFFFF';

    private static string TrimInvisible(string text)
    {
        var start = 0;
        while (start < text.Length && Rune.DecodeFromUtf16(text.AsSpan(start), out var rune, out var used) == OperationStatus.Done
               && IsEdgeInvisible(rune))
        {
            start += used;
        }

        var end = text.Length;
        while (end > start && Rune.DecodeLastFromUtf16(text.AsSpan(start, end - start), out var rune, out var used) == OperationStatus.Done
               && IsEdgeInvisible(rune))
        {
            end -= used;
        }

        return text[start..end];
    }

    // What may go at either end: whitespace and the invisible characters below. Not every format character: an England
    // flag ends in a tag character, and a heart's variation selector (U+FE0F) belongs to the heart.
    private static bool IsEdgeInvisible(Rune rune) => Rune.IsWhiteSpace(rune) || (rune.IsBmp && Invisible.Contains((char)rune.Value));

    // Shows nothing on its own: whitespace, controls, format characters (zero-width space and joiners, U+FEFF, U+2060,
    // U+180E, the soft hyphen, bidi marks, tags), variation selectors, the combining grapheme joiner, and the letters
    // that are blank by design (Hangul fillers, the braille blank, Khmer inherent vowels).
    private static bool IsInvisible(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune) || (rune.IsBmp && Invisible.Contains((char)rune.Value)))
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.Surrogate
                   or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator
               || rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);
    }

    private static readonly HashSet<char> Invisible =
    [
        '\u00AD', '\u034F', '\u061C', '\u115F', '\u1160', '\u17B4', '\u17B5', '\u180B', '\u180C', '\u180D', '\u180E', '\u180F',
        '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\u206A', '\u206B',
        '\u206C', '\u206D', '\u206E', '\u206F', '\u2800', '\u3164', '\uFEFF', '\uFFA0',
    ];

    // Cyrillic and Greek letters drawn like Latin ones in common fonts.
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['К'] = 'K', ['М'] = 'M', ['Н'] = 'H', ['О'] = 'O', ['Р'] = 'P', ['С'] = 'C',
        ['Т'] = 'T', ['У'] = 'Y', ['Х'] = 'X', ['І'] = 'I', ['Ј'] = 'J', ['Ѕ'] = 'S', ['Ԛ'] = 'Q', ['Ԝ'] = 'W',
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j',
        ['ѕ'] = 's', ['ԁ'] = 'd', ['һ'] = 'h', ['ӏ'] = 'l', ['ԛ'] = 'q', ['ԝ'] = 'w',
        ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Ζ'] = 'Z', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N',
        ['Ο'] = 'O', ['Ρ'] = 'P', ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X', ['α'] = 'a', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v',
        ['ο'] = 'o', ['ρ'] = 'p', ['υ'] = 'u', ['χ'] = 'x', ['ı'] = 'i',
    };
}
