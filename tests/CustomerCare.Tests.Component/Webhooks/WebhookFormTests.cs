using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Webhooks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Webhooks;

/// <summary>The admin's endpoint form: a refused URL says why beside the field and keeps everything typed.</summary>
public sealed class WebhookFormTests : ComponentTestContext
{
    public WebhookFormTests()
    {
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddSingleton<WebhookTargets>();
        Services.AddSingleton<WebhookSecrets>();
        Services.AddSingleton<WebhookAdminService>();
        UseDatabase();
    }

    [Fact]
    public async Task A_loopback_url_is_refused_with_a_reason_and_the_form_keeps_what_was_typed()
    {
        var adminId = await SeedUserAsync("Test person", Roles.AdminId);
        SignIn(adminId, Roles.Admin);
        var input = new WebhookInput();
        input.Events.Add(WebhookEvents.IdeaCreated);
        var saved = false;
        var form = Render<WebhookForm>(p => p.Add(f => f.Input, input).Add(f => f.OnSaved, (WebhookSaveResult _) => saved = true));

        await form.InvokeAsync(() => form.Find("[data-testid=webhook-url] input, input[data-testid=webhook-url]").ChangeAsync(new ChangeEventArgs { Value = "http://127.0.0.1:9000/hook" }));
        await form.InvokeAsync(() => form.Find("[data-testid=webhook-description] input, input[data-testid=webhook-description]").ChangeAsync(new ChangeEventArgs { Value = "Our CRM" }));
        await form.InvokeAsync(() => form.Find("[data-testid=webhook-save]").ClickAsync(new()));

        form.WaitForAssertion(() => Assert.Contains("private, loopback or link-local", form.Markup, StringComparison.Ordinal));
        Assert.False(saved);
        Assert.Equal("http://127.0.0.1:9000/hook", input.Url);
        Assert.Equal("Our CRM", input.Description);
        Assert.Contains(WebhookEvents.IdeaCreated, input.Events);
        Assert.Equal("http://127.0.0.1:9000/hook", form.Find("[data-testid=webhook-url] input, input[data-testid=webhook-url]").GetAttribute("value"));
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        Assert.False(await db.WebhookEndpoints.AnyAsync(Ct));
    }

    [Fact]
    public async Task Saving_without_an_event_asks_for_one()
    {
        var adminId = await SeedUserAsync("Test person", Roles.AdminId);
        SignIn(adminId, Roles.Admin);
        var input = new WebhookInput { Url = "https://hooks.example.com/customercare" };
        var form = Render<WebhookForm>(p => p.Add(f => f.Input, input));

        await form.InvokeAsync(() => form.Find("[data-testid=webhook-save]").ClickAsync(new()));

        form.WaitForAssertion(() => Assert.Contains("Choose at least one event.", form.Markup, StringComparison.Ordinal));
        Assert.Equal("https://hooks.example.com/customercare", input.Url);
    }
}
