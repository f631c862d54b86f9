using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

/// <summary>The ideas board from a customer's first thought to the changelog that thanks them.</summary>
[Collection(BrowserTests.Name)]
public sealed partial class IdeaLifecycleBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Customer_proposes_and_votes_product_owner_ships_and_the_customer_is_credited_on_roadmap_and_changelog()
    {
        var ct = TestContext.Current.CancellationToken;
        var title = $"Meter reading reminder by text message {Guid.NewGuid():N}"[..52];
        var release = $"App {Random.Shared.Next(10, 99)}.{Random.Shared.Next(0, 9)}";
        // Someone else's idea on the same subject, with the one word of the title that no other idea has.
        await browser.Portal.ProposeIdeaAsync(
            await browser.Portal.AddPersonAsync(Roles.Customer, ct: ct), $"Meter reading by photo {title[^13..]}", ct: ct);
        var clara = await browser.Portal.AddPersonAsync(Roles.Customer, "Clara Lifecycle", ct: ct);
        var productOwner = await browser.Portal.AddPersonAsync(Roles.ProductOwner, ct: ct);
        var customer = await browser.OpenPageAsync();
        await customer.SignInAsync(clara);

        // Proposing: similar ideas are offered while typing, and can be voted for right there.
        await customer.GotoAsync("/ideas/new");
        await customer.WaitForCircuitAsync();
        await customer.Locator("input[data-testid=propose-title], [data-testid=propose-title] input").First.FillAsync(title);
        var similar = customer.GetByTestId("similar-idea").First;
        await Expect(similar).ToBeVisibleAsync();
        var similarCount = similar.GetByTestId("vote-count");
        var before = await similarCount.InnerTextAsync();
        await similar.GetByTestId("vote-button").ClickAsync();
        await Expect(similarCount).Not.ToHaveTextAsync(before);

        await customer.Locator("textarea").First.FillAsync("A short **text message** the day before the reading is due would help.");
        await customer.GetByTestId("propose-submit").ClickAsync();
        await Expect(customer).ToHaveURLAsync(PostUrl());
        await Expect(customer.Locator("h1")).ToHaveTextAsync(title);
        await Expect(customer.GetByTestId("vote-count").First).ToHaveTextAsync("0");
        var ideaUrl = customer.Url;
        await customer.GetByTestId("vote-button").First.ClickAsync();
        await Expect(customer.GetByTestId("vote-count").First).ToHaveTextAsync("1");

        // The product owner ships it, with a release and a note.
        var owner = await browser.OpenPageAsync();
        await owner.SignInAsync(productOwner);
        await owner.GotoAsync(ideaUrl);
        await owner.WaitForCircuitAsync();
        var decision = owner.GetByTestId("status-decision");
        await decision.Locator(".mud-select").First.ClickAsync();
        await owner.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Shipped" }).ClickAsync();
        await decision.Locator("input[data-testid=decision-release], [data-testid=decision-release] input").First.FillAsync(release);
        await decision.Locator("textarea").First.FillAsync($"Shipped in **{release}**. Thank you, Clara!");
        await owner.GetByTestId("decision-save").ClickAsync();
        await Expect(owner.GetByTestId("shipped-in")).ToContainTextAsync(release);

        // The customer's open page follows without a reload.
        await Expect(customer.GetByTestId("status-chip").First).ToHaveTextAsync("Shipped");
        await Expect(customer.GetByTestId("shipped-in")).ToContainTextAsync(release);

        await customer.GotoAsync("/roadmap");
        var shipped = customer.GetByTestId("roadmap-Shipped");
        await Expect(shipped).ToContainTextAsync(title);
        await Expect(shipped.Locator(".mud-paper", new() { HasText = title })).ToContainTextAsync($"idea by {clara.DisplayName}");

        await customer.GotoAsync("/changelog");
        var section = customer.GetByTestId("release").Filter(new() { HasText = release });
        await Expect(section.GetByTestId("release-name")).ToHaveTextAsync(release);
        var entry = section.GetByTestId("changelog-entry").Filter(new() { HasText = title });
        await Expect(entry.GetByTestId("credit")).ToContainTextAsync($"Idea by {clara.DisplayName}");
        await Expect(entry).ToContainTextAsync("Thank you, Clara!");
    }

    [GeneratedRegex(@"/posts/\d+$")]
    private static partial Regex PostUrl();
}
