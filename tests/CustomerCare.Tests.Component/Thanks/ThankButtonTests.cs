using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Thanks;

namespace CustomerCare.Tests.Component.Thanks;

/// <summary>The thank-you form: a refused note is told at its field and the words stay; once thanked, it says so.</summary>
public sealed class ThankButtonTests : ComponentTestContext
{
    [Fact]
    public void A_note_over_its_limit_is_told_at_the_field_and_kept_then_thanks_are_said_once()
    {
        var sent = new List<(string? Note, bool Show)>();
        var answers = new Queue<ThanksResult>([
            new(ThanksOutcome.Invalid, new Dictionary<string, string> { ["Note"] = "Thanks_NoteTooLong" }),
            new(ThanksOutcome.Thanked)]);
        var button = Render<ThankButton>(p => p
            .Add(x => x.ToName, "Anna Berger")
            .Add(x => x.Send, (note, show) => { sent.Add((note, show)); return Task.FromResult(answers.Dequeue()); }));

        button.Find("[data-testid=thanks-open]").Click();
        var tooLong = new string('x', 501);
        Note(button).Input(tooLong);
        button.Find("input[data-testid=thanks-show], [data-testid=thanks-show] input").Change(true);
        button.Find("[data-testid=thanks-send]").Click();

        button.WaitForAssertion(() => Assert.Contains("The note may be at most 500 characters.", button.Markup, StringComparison.Ordinal));
        Assert.Equal(tooLong, Note(button).GetAttribute("value"));
        Assert.Empty(button.FindAll("[data-testid=thanks-done]"));

        Note(button).Input("You explained it well.");
        button.Find("[data-testid=thanks-send]").Click();

        button.WaitForAssertion(() => Assert.Equal("You thanked Anna Berger", button.Find("[data-testid=thanks-done]").TextContent.Trim()));
        Assert.Equal([(tooLong, true), ("You explained it well.", true)], sent);
        Assert.Empty(button.FindAll("[data-testid=thanks-open]"));
    }

    private static AngleSharp.Dom.IElement Note(IRenderedComponent<ThankButton> button) =>
        button.Find("textarea[data-testid=thanks-note], [data-testid=thanks-note] textarea");
}
