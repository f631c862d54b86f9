using Bunit;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Mentions;

namespace CustomerCare.Tests.Component.Mentions;

/// <summary>
/// The "@" list under the composer: what the field hands over (the typed name, the keys of an open list) is what the
/// browser module sends; the list offers participants before the team, the arrow keys move the active option the field
/// points to, Enter and a click insert the chosen person's token, Escape closes without inserting.
/// </summary>
public sealed class MentionSuggestTests : ComponentTestContext
{
    private readonly BunitJSModuleInterop module;

    public MentionSuggestTests()
    {
        UseDatabase();
        module = JSInterop.SetupModule("./js/mentions.js");
    }

    [Fact]
    public async Task Arrow_keys_move_the_active_option_and_Enter_inserts_its_token()
    {
        var (ideaId, anna, _) = await SeedAsync();
        var (cut, suggest) = Render(ideaId);

        await cut.InvokeAsync(() => suggest.QueryAsync("an"));

        var options = cut.FindAll("[role=option]");
        Assert.Equal(["Andreas Author", "Anna Berger"], options.Select(o => o.QuerySelector("b")!.TextContent));
        Assert.Contains("Customer Care", options[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("true", options[0].GetAttribute("aria-selected"));
        Assert.Equal(options[0].Id, module.Invocations["setState"][^1].Arguments[2]);

        await cut.InvokeAsync(() => suggest.KeyAsync("ArrowDown"));
        Assert.Equal("true", cut.FindAll("[role=option]")[1].GetAttribute("aria-selected"));
        Assert.Equal(cut.FindAll("[role=option]")[1].Id, module.Invocations["setState"][^1].Arguments[2]);
        await cut.InvokeAsync(() => suggest.KeyAsync("ArrowDown"));
        Assert.Equal("true", cut.FindAll("[role=option]")[0].GetAttribute("aria-selected")); // wraps around

        await cut.InvokeAsync(() => suggest.KeyAsync("ArrowUp"));
        await cut.InvokeAsync(() => suggest.KeyAsync("Enter"));

        Assert.Equal(MentionToken.Format("Anna Berger", anna), module.VerifyInvoke("insert").Arguments[1]);
        Assert.Empty(cut.FindAll("[role=listbox]"));
        Assert.Equal(false, module.Invocations["setState"][^1].Arguments[1]);
    }

    [Fact]
    public async Task Escape_closes_the_list_without_inserting_and_a_click_inserts()
    {
        var (ideaId, _, author) = await SeedAsync();
        var (cut, suggest) = Render(ideaId);

        await cut.InvokeAsync(() => suggest.QueryAsync("and"));
        Assert.Single(cut.FindAll("[role=option]"));
        await cut.InvokeAsync(() => suggest.KeyAsync("Escape"));

        Assert.Empty(cut.FindAll("[role=listbox]"));
        module.VerifyNotInvoke("insert");

        await cut.InvokeAsync(() => suggest.QueryAsync("and"));
        await cut.Find("[role=option]").ClickAsync(new());
        Assert.Equal(MentionToken.Format("Andreas Author", author), module.VerifyInvoke("insert").Arguments[1]);
    }

    [Fact]
    public async Task A_name_nobody_has_says_so_and_the_status_tells_how_many_are_offered()
    {
        var (ideaId, _, _) = await SeedAsync();
        var (cut, suggest) = Render(ideaId);

        await cut.InvokeAsync(() => suggest.QueryAsync("zz"));
        Assert.NotNull(cut.Find("[data-testid=mention-none]"));
        await cut.InvokeAsync(() => suggest.KeyAsync("Enter"));
        module.VerifyNotInvoke("insert");

        await cut.InvokeAsync(() => suggest.QueryAsync(""));
        Assert.StartsWith("2 people to mention", cut.Find("[role=status]").TextContent, StringComparison.Ordinal);
    }

    // An idea by "Andreas Author"; the signed-in customer writes; Anna Berger works here.
    private async Task<(int IdeaId, string Anna, string Author)> SeedAsync()
    {
        var author = await SeedUserAsync("Andreas Author", Roles.CustomerId);
        var anna = await SeedUserAsync("Anna Berger", Roles.StaffId, jobTitle: "Customer Care");
        var writer = await SeedUserAsync("Wanda Writer", Roles.CustomerId);
        SignIn(writer, Roles.Customer);
        return (await SeedIdeaAsync(authorId: author), anna, author);
    }

    private (IRenderedComponent<MentionScope> Cut, MentionSuggest Suggest) Render(int postId)
    {
        var cut = Render<MentionScope>(p => p.Add(s => s.PostId, postId).AddChildContent<MentionSuggest>());
        return (cut, cut.FindComponent<MentionSuggest>().Instance);
    }
}
