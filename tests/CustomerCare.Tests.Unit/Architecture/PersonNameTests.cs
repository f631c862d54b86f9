using System.Reflection;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Components.Shared;

namespace CustomerCare.Tests.Unit.Architecture;

/// <summary>
/// A deleted account keeps "Former customer" as its stored name, and only <c>PersonName.Shown</c> says it in the reader's
/// language: every page that shows a person's name goes through it (<see cref="StoredNames"/> reads the .razor files).
/// </summary>
public sealed class PersonNameTests
{
    // Members named "…Name" on the portal's records that never show another person's name: the SMTP server's login, and
    // the name a sign-in provider suggests for the person's own name field (ExternalOutcome).
    private static readonly HashSet<string> NoPersonsName = new(StringComparer.Ordinal) { "UserName", "SuggestedName" };

    [Fact]
    public void Every_razor_file_shows_a_persons_name_through_PersonName_Shown()
    {
        var src = Path.Combine(RepoPaths.Root, "src");
        var unmapped = Directory.EnumerateFiles(src, "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => StoredNames.Unmapped(File.ReadAllText(f)).Select(u => $"{Path.GetRelativePath(src, f)}:{u.Line}: {u.Expression}"))
            .ToList();

        Assert.True(unmapped.Count == 0,
            $"Shown as stored, not through PersonName.Shown(name, L) (a deleted account would read \"Former customer\" in every language):\n{string.Join('\n', unmapped)}");
    }

    [Theory]
    [InlineData("<b>@owner.DisplayName</b>", "owner.DisplayName")]
    [InlineData("<UserAvatar Name=\"@voter.DisplayName\" />", "voter.DisplayName")]
    [InlineData("@L[\"Roadmap_IdeaBy\", idea.Author.DisplayName]", "idea.Author.DisplayName")]
    [InlineData("@code { void A() => Announcer?.Reply(added.Reply.Author?.DisplayName); }", "added.Reply.Author?.DisplayName")]
    [InlineData(" · @entry.ActorName · ", "entry.ActorName")]
    [InlineData("@L[\"Queue_BlockedBy\", person.ByName]", "person.ByName")]
    [InlineData("$\"{person.Name} ({person.JobTitle})\"", "person.Name")]
    [InlineData("<a href=\"https://example.test\">@subject.DisplayName</a>", "subject.DisplayName")]
    public void The_check_finds_a_name_shown_as_stored(string razor, string expression)
    {
        var found = Assert.Single(StoredNames.Unmapped(razor));

        Assert.Equal((1, expression), found);
    }

    [Theory]
    [InlineData("<b>@PersonName.Shown(owner.DisplayName, L)</b>")]
    [InlineData("@L[\"Roadmap_IdeaBy\", PersonName.Shown( idea.Author.DisplayName, L)]")]
    [InlineData("<AccountField Label=\"Name\" @bind-Value=\"Input.DisplayName\" />")]
    [InlineData("@code { var x = await Names.CheckAsync(Input.DisplayName, null); var u = new CareUser { DisplayName = Input.DisplayName }; }")]
    [InlineData("@code { string N(ClaimsPrincipal u) => u.FindFirst(CareClaims.DisplayName)?.Value ?? u.Identity?.Name ?? \"\"; }")]
    [InlineData("@code { bool Claimed => handover.ByName == handover.ToName; }")]
    [InlineData("messages.Add(editContext.Field(nameof(Input.DisplayName)), text)")]
    [InlineData("<option value=\"@category.Slug\">@category.Name</option> @(release.Name ?? L[\"Other\"])")]
    [InlineData("@* shows @owner.DisplayName *@")]
    [InlineData("@Text[\"External_ContinueWith\", provider.DisplayName]")]
    public void The_check_leaves_alone_what_shows_no_stored_name(string razor)
    {
        Assert.Empty(StoredNames.Unmapped(razor));
    }

    [Fact]
    public void Every_name_on_the_portals_records_is_known_as_a_persons_or_not()
    {
        var names = typeof(PersonName).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("CustomerCare.Web", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.PropertyType == typeof(string) && p.Name.EndsWith("Name", StringComparison.Ordinal))
            .ToList();

        var unknown = names.Where(p => !StoredNames.PersonNames.Contains(p.Name) && !NoPersonsName.Contains(p.Name))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}").Distinct();
        var stale = StoredNames.PersonNames.Concat(NoPersonsName).Where(n => names.TrueForAll(p => p.Name != n));

        Assert.Empty(unknown);
        Assert.Empty(stale);
    }
}
