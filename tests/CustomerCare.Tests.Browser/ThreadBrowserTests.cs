using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Threads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

/// <summary>A customer and a staff member on the same thread, each in their own browser.</summary>
[Collection(BrowserTests.Name)]
public sealed class ThreadBrowserTests(BrowserFixture browser)
{
    private const string Composer = "[data-testid=composer] textarea:visible";

    [Fact]
    public async Task Staff_reply_appears_on_the_customers_open_page_and_the_half_typed_reply_stays()
    {
        var (ideaId, clara, anna) = await AnIdeaWithACustomerAndStaffAsync();
        var customer = await OpenThreadAsync(clara, ideaId);
        var staff = await OpenThreadAsync(anna, ideaId);
        await customer.Locator(Composer).FillAsync("Half typed by Clara, not sent");
        await customer.EvaluateAsync("() => window.scrollTo(0, 150)");
        var scrolled = await customer.EvaluateAsync<int>("() => Math.round(window.scrollY)");
        var navigations = 0;
        customer.FrameNavigated += (_, _) => navigations++;
        var text = $"We looked into it ({Guid.NewGuid():N}).";

        await staff.Locator(Composer).FillAsync(text);
        await staff.GetByTestId("composer-submit").ClickAsync();

        await Expect(customer.Locator("[data-testid=reply]", new() { HasText = text })).ToBeVisibleAsync();
        await Expect(customer.Locator(Composer)).ToHaveValueAsync("Half typed by Clara, not sent");
        Assert.Equal(scrolled, await customer.EvaluateAsync<int>("() => Math.round(window.scrollY)"));
        Assert.Equal(0, navigations);
        await Expect(staff.Locator(Composer)).ToHaveValueAsync("");
    }

    [Fact]
    public async Task An_internal_note_never_reaches_the_customers_page()
    {
        var (ideaId, clara, anna) = await AnIdeaWithACustomerAndStaffAsync();
        var customer = await OpenThreadAsync(clara, ideaId);
        var staff = await OpenThreadAsync(anna, ideaId);
        var note = $"Internal: customer is on the old tariff ({Guid.NewGuid():N}).";
        var sentinel = $"Public follow-up ({Guid.NewGuid():N}).";

        await staff.GetByTestId("composer-internal").ClickAsync();
        await staff.Locator(Composer).FillAsync(note);
        await staff.GetByTestId("composer-submit").ClickAsync();
        await Expect(staff.Locator("[data-testid=internal-note]", new() { HasText = note })).ToBeVisibleAsync();
        await staff.Locator(Composer).FillAsync(sentinel);
        await staff.GetByTestId("composer-submit").ClickAsync();

        // The public reply sent after the note has arrived, so the note had every chance to arrive too.
        await Expect(customer.Locator("[data-testid=reply]", new() { HasText = sentinel })).ToBeVisibleAsync();
        Assert.DoesNotContain(note, await customer.ContentAsync(), StringComparison.Ordinal);
        await customer.ReloadAsync();
        await customer.WaitForCircuitAsync();
        await Expect(customer.Locator("[data-testid=reply]", new() { HasText = sentinel })).ToBeVisibleAsync();
        Assert.DoesNotContain(note, await customer.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await customer.GetByTestId("internal-note").CountAsync());
    }

    [Fact]
    public async Task A_half_typed_reply_survives_a_reload_and_is_gone_once_sent()
    {
        var (ideaId, clara, _) = await AnIdeaWithACustomerAndStaffAsync();
        var customer = await OpenThreadAsync(clara, ideaId);
        var draft = $"Draft that must survive ({Guid.NewGuid():N})";

        await customer.Locator(Composer).PressSequentiallyAsync(draft);
        await customer.WaitForFunctionAsync($"() => localStorage.getItem('cc-draft:post:{ideaId}') === '{draft}'");
        await customer.ReloadAsync();
        await customer.WaitForCircuitAsync();

        await Expect(customer.Locator(Composer)).ToHaveValueAsync(draft);
        await customer.GetByTestId("composer-submit").ClickAsync();
        await Expect(customer.Locator("[data-testid=reply]", new() { HasText = draft })).ToBeVisibleAsync();
        await customer.ReloadAsync();
        await customer.WaitForCircuitAsync();
        await Expect(customer.Locator(Composer)).ToHaveValueAsync("");
    }

    [Fact]
    public async Task The_customer_sees_who_is_here_and_that_staff_write_and_it_clears_when_they_send()
    {
        var (ideaId, clara, anna) = await AnIdeaWithACustomerAndStaffAsync();
        var customer = await OpenThreadAsync(clara, ideaId);
        var staff = await OpenThreadAsync(anna, ideaId);
        await Expect(customer.GetByTestId("presence-count")).ToHaveTextAsync("2 people here");

        await staff.Locator(Composer).PressSequentiallyAsync("We are on it");

        await Expect(customer.GetByTestId("presence-typing")).ToHaveTextAsync($"{anna.DisplayName} (Customer Care) is typing…");
        await staff.GetByTestId("composer-submit").ClickAsync();
        await Expect(customer.Locator("[data-testid=reply]", new() { HasText = "We are on it" })).ToBeVisibleAsync();
        await Expect(customer.GetByTestId("presence-typing")).ToHaveCountAsync(0);

        await staff.CloseAsync();

        await Expect(customer.GetByTestId("presence-count")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_reply_sent_while_the_customers_connection_was_down_appears_when_it_returns()
    {
        var (ideaId, clara, anna) = await AnIdeaWithACustomerAndStaffAsync();
        var page = await browser.OpenPageAsync();
        var cutOff = false;
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IWebSocketRoute? circuit = null;
        await page.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/_blazor"), ws =>
        {
            if (cutOff)
            {
                // While "offline" every reconnection attempt fails at once.
                refused.TrySetResult();
                _ = ws.CloseAsync();
                return;
            }

            circuit = ws;
            ws.ConnectToServer();
        });
        // SignalR falls back to server-sent events or long polling when a WebSocket fails: cut those too.
        await page.RouteAsync(new System.Text.RegularExpressions.Regex("/_blazor"), route =>
        {
            if (!cutOff)
            {
                return route.ContinueAsync();
            }

            refused.TrySetResult();
            return route.AbortAsync();
        });
        await page.SignInAsync(clara);
        await page.GotoAsync($"/posts/{ideaId}");
        await page.WaitForCircuitAsync();
        await page.Locator(Composer).FillAsync("Typed before the network dropped");
        var text = $"Answered while you were offline ({Guid.NewGuid():N}).";

        cutOff = true;
        await circuit!.CloseAsync();
        var reply = await browser.Portal.Services.GetRequiredService<ThreadService>()
            .ReplyAsync(ideaId, null, text, internalNote: false, anna.Viewer, TestContext.Current.CancellationToken);
        Assert.True(reply.Succeeded);
        // The page has tried to reconnect and been refused: it knows it is offline, and nothing reaches it until the
        // network returns, so the reply cannot be there now (else the cut-off leaked and the test proves nothing).
        await refused.Task.WaitAsync(TestTimeouts.Wait, TestContext.Current.CancellationToken);
        await Expect(page.Locator("[data-testid=reply]", new() { HasText = text })).ToHaveCountAsync(0);
        cutOff = false;

        await Expect(page.Locator("[data-testid=reply]", new() { HasText = text })).ToBeVisibleAsync();
        await Expect(page.Locator(Composer)).ToHaveValueAsync("Typed before the network dropped");
    }

    private async Task<IPage> OpenThreadAsync(TestPerson person, int ideaId)
    {
        var page = await browser.OpenPageAsync();
        await page.SignInAsync(person);
        await page.GotoAsync($"/posts/{ideaId}");
        await page.WaitForCircuitAsync();
        await page.Locator(Composer).WaitForAsync();
        return page;
    }

    // An idea of its own per test, so the tests do not see each other's replies, and a customer and staff member of its own.
    private async Task<(int IdeaId, TestPerson Customer, TestPerson Staff)> AnIdeaWithACustomerAndStaffAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var ideaId = await browser.Portal.ProposeIdeaAsync(await browser.Portal.AddPersonAsync(Roles.Customer, ct: ct), ct: ct);
        var customer = await browser.Portal.AddPersonAsync(Roles.Customer, ct: ct);
        var staff = await browser.Portal.AddPersonAsync(Roles.Staff, "Anna Thread", "Customer Care", ct);
        return (ideaId, customer, staff);
    }
}
