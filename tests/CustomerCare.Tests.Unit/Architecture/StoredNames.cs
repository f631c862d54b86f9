using System.Reflection;
using System.Text.RegularExpressions;
using CustomerCare.Web.Components.Shared;

namespace CustomerCare.Tests.Unit.Architecture;

/// <summary>
/// Reads a .razor file for a person's name shown as stored: a member that holds one (<c>author.DisplayName</c>,
/// <c>entry.ActorName</c>, <c>person.Name</c> …) used anywhere but as the first argument of <c>PersonName.Shown(</c>.
/// Left alone, because they show no one's stored name to a reader: <c>nameof(…)</c>; comparisons (<c>==</c>, <c>!=</c>);
/// assignments to such a member; a constant (<c>CareClaims.DisplayName</c>, a claim's type); the form a person types
/// their own name into (<c>Input.DisplayName</c> on Register); and <c>.Name</c> of what is no person (a category, a
/// release, the signed-in identity).
/// </summary>
internal static partial class StoredNames
{
    /// <summary>The members of the portal's records that hold a person's name.</summary>
    public static readonly IReadOnlySet<string> PersonNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "DisplayName", "ActorName", "AuthorName", "ByName", "CustomerName", "FromName", "ProposerName", "ToName", "Name", "WrittenName",
    };

    /// <summary>What a <c>.Name</c> or <c>.DisplayName</c> belongs to when that is no person (the member just before it): a sign-in provider's name too.</summary>
    public static readonly IReadOnlySet<string> NotPeople = new HashSet<string>(StringComparer.Ordinal)
    {
        "category", "Category", "release", "Identity", "provider",
        // A personal access token's name is its owner's label for it ("CI export"), shown only to that owner.
        "token",
    };

    private const string Mapping = nameof(PersonName) + "." + nameof(PersonName.Shown) + "(";

    /// <summary>Every place in <paramref name="razor"/> that shows a stored name: its line (from 1) and the expression.</summary>
    public static IEnumerable<(int Line, string Expression)> Unmapped(string razor)
    {
        var code = WithoutComments(razor);
        foreach (var match in Member().Matches(code).Where(m => PersonNames.Contains(m.Groups["name"].Value)))
        {
            var start = ChainStart(code, match.Index);
            var chain = code[start..(match.Index + match.Length)];
            if (!ShowsNothingStored(code, start, match, chain))
            {
                yield return (code.AsSpan(0, match.Index).Count('\n') + 1, chain);
            }
        }
    }

    private static bool ShowsNothingStored(string code, int start, Match match, string chain)
    {
        var before = code[..start].TrimEnd();
        var after = code[(match.Index + match.Length)..].TrimStart();
        var segments = chain.Split('.').Select(s => s.Trim('?', '!', ' ')).ToArray();
        var name = match.Groups["name"].Value;
        return before.EndsWith(Mapping, StringComparison.Ordinal)
            || before.EndsWith("nameof(", StringComparison.Ordinal)
            || before.EndsWith("==", StringComparison.Ordinal) || before.EndsWith("!=", StringComparison.Ordinal)
            || after.StartsWith("==", StringComparison.Ordinal) || after.StartsWith("!=", StringComparison.Ordinal)
            || (after.StartsWith('=') && !after.StartsWith("=>", StringComparison.Ordinal))
            || segments[0] == "Input"
            || (segments.Length == 2 && IsConstant(segments[0], name))
            || (name is "Name" or "DisplayName" && segments.Length >= 2 && NotPeople.Contains(segments[^2]));
    }

    // A type of the portal's that declares the member as static (a const or a static field or property).
    private static bool IsConstant(string typeName, string member) =>
        typeof(PersonName).Assembly.GetTypes().Any(t => t.Name == typeName
            && t.GetMember(member, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Length > 0);

    // Back from the member's dot over the chain before it ("added.Reply.Author"), to its first identifier.
    private static int ChainStart(string code, int dot)
    {
        var i = dot;
        while (i > 0 && (char.IsLetterOrDigit(code[i - 1]) || code[i - 1] is '_' or '.' or '?' or '!'))
        {
            i--;
        }

        while (i < dot && !(char.IsLetter(code[i]) || code[i] == '_'))
        {
            i++;
        }

        return i;
    }

    // Comments become spaces, line breaks kept, so line numbers stay true. A "//" counts only at a line's start: in
    // markup it is part of an address.
    private static string WithoutComments(string razor) =>
        Comment().Replace(razor, m => Regex.Replace(m.Value, @"[^\n]", " "));

    [GeneratedRegex(@"@\*.*?\*@|/\*.*?\*/|^[ \t]*//[^\n]*", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Comment();

    // A member access that is no call: ".DisplayName", "?.ActorName", not ".Name(".
    [GeneratedRegex(@"[?!]?\.(?<name>[A-Za-z]\w*)\b(?!\s*\()")]
    private static partial Regex Member();
}
