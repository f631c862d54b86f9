using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.Pictures;

/// <summary>
/// A customer attaches a screenshot to a reply: chosen in the composer, previewed, described, sent; another customer's
/// open page shows its thumbnail at once, without a reload, loaded from the portal, described, leading to the picture.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PictureBrowserTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_attaches_a_screenshot_to_a_reply_and_another_browser_sees_it_live()
    {
        var asker = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var helper = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var ideaId = await browser.Portal.ProposeIdeaAsync(asker, TestPeople.UniqueTitle("Meter reading form hides the button"), ct: Ct);

        var reader = await browser.OpenPageAsync();
        await reader.SignInAsync(asker);
        await reader.GotoAsync($"/posts/{ideaId}");
        await reader.WaitForCircuitAsync();

        var writer = await browser.OpenPageAsync();
        await writer.SignInAsync(helper);
        await writer.GotoAsync($"/posts/{ideaId}");
        await writer.WaitForCircuitAsync();
        var composer = writer.GetByTestId("composer");
        await composer.GetByTestId("composer-body").FillAsync("On my phone it looks like this.");
        await composer.GetByTestId("picture-input").SetInputFilesAsync(new FilePayload
        {
            Name = "screenshot.png", MimeType = "image/png", Buffer = TestPictures.Screenshot(),
        });
        await Expect(composer.GetByTestId("picture-draft")).ToHaveCountAsync(1);
        await Expect(composer.GetByTestId("composer-submit")).ToBeDisabledAsync();
        await composer.GetByTestId("picture-alt").FillAsync("The form with the send button cut off at the bottom");
        await composer.GetByTestId("composer-submit").ClickAsync();
        await Expect(composer.GetByTestId("picture-draft")).ToHaveCountAsync(0);

        // The reader's open page: the new reply with its thumbnail, live.
        var thumbnail = reader.GetByRole(AriaRole.Img, new() { Name = "The form with the send button cut off at the bottom" });
        await Expect(thumbnail).ToHaveCountAsync(1);
        await Expect(thumbnail).ToHaveAttributeAsync("loading", "lazy");
        await thumbnail.ScrollIntoViewIfNeededAsync();
        await reader.WaitForFunctionAsync("() => [...document.querySelectorAll('img[data-testid=picture]')].some(i => i.complete && i.naturalWidth > 0)");
        var link = reader.GetByTestId("picture-link");
        var full = await reader.APIRequest.GetAsync(await link.GetAttributeAsync("href") ?? "");
        Assert.Equal(200, full.Status);
        Assert.Equal("image/jpeg", full.Headers["content-type"]);
    }
}
