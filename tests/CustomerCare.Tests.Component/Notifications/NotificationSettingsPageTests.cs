using Bunit;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Components.Account;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Notifications.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace CustomerCare.Tests.Component.Notifications;

public sealed class NotificationSettingsPageTests : ComponentTestContext
{
    public NotificationSettingsPageTests()
    {
        Services.AddSingleton<MailPreferences>();
        Services.AddSingleton<AccountLinks>();
        Services.AddSingleton<EmailConfirmation>();
        UseDatabase();
    }

    [Fact]
    public async Task Page_shows_the_saved_choice_per_kind_and_the_mail_language()
    {
        var userId = await SeedAccountAsync(Roles.CustomerId, confirmed: true, language: "de");
        await Services.GetRequiredService<MailPreferences>().SaveAsync(userId, new(
            new Dictionary<NotificationKind, MailDelivery> { [NotificationKind.Reply] = MailDelivery.Never, [NotificationKind.NewIdea] = MailDelivery.Instantly },
            "de"), Ct);
        SignIn(userId, Roles.Customer);

        var page = Render<NotificationSettingsPage>();

        await page.WaitForAssertionAsync(() => Assert.Equal(MailDelivery.Never, Choice(page, NotificationKind.Reply)));
        Assert.Equal(MailDelivery.Instantly, Choice(page, NotificationKind.NewIdea));
        Assert.Equal(NotificationMailer.DefaultFor(NotificationKind.Shipped), Choice(page, NotificationKind.Shipped));
        Assert.Equal("de", page.FindComponent<MudSelect<string>>().Instance.GetState(s => s.Value));
    }

    [Fact]
    public async Task Saving_writes_every_choice_and_the_language_and_says_so()
    {
        var userId = await SeedAccountAsync(Roles.CustomerId, confirmed: true);
        SignIn(userId, Roles.Customer);
        var page = Render<NotificationSettingsPage>();
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=prefs-save]")));

        await Choose(page, NotificationKind.Reply, MailDelivery.DailyDigest);
        await Choose(page, NotificationKind.StatusChanged, MailDelivery.Never);
        var language = page.FindComponent<MudSelect<string>>();
        await page.InvokeAsync(() => language.Instance.ValueChanged.InvokeAsync("de"));
        await page.Find("[data-testid=prefs-save]").ClickAsync(new());

        await page.WaitForAssertionAsync(() => Assert.Contains("Your mail settings are saved.", page.Find("[data-testid=prefs-outcome]").TextContent, StringComparison.Ordinal));
        var saved = await Services.GetRequiredService<MailPreferences>().GetAsync(userId, Ct);
        Assert.Equal(MailDelivery.DailyDigest, saved.ByKind[NotificationKind.Reply]);
        Assert.Equal(MailDelivery.Never, saved.ByKind[NotificationKind.StatusChanged]);
        Assert.Equal("de", saved.Language);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        Assert.Equal("de", await db.Users.Where(u => u.Id == userId).Select(u => u.Language).SingleAsync(Ct));
    }

    [Theory]
    [InlineData(Roles.CustomerId, Roles.Customer, false, true)]
    [InlineData(Roles.StaffId, Roles.Staff, false, false)]
    [InlineData(Roles.AdminId, Roles.Admin, true, false)]
    public async Task Escalations_are_offered_only_to_admins_endorsements_only_to_customers_and_thanks_and_answers_to_everyone(
        string roleId, string role, bool escalations, bool endorsements)
    {
        var userId = await SeedAccountAsync(roleId, confirmed: true);
        SignIn(userId, role);

        var page = Render<NotificationSettingsPage>();

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-kind=Reply]")));
        Assert.Equal(escalations, page.FindAll("[data-kind=Escalated]").Count == 1);
        // Only a customer's answer is endorsed; thanks reach the team for their help and a customer for an accepted answer.
        Assert.Single(page.FindAll("[data-kind=Thanked]"));
        Assert.Single(page.FindAll("[data-kind=Answered]"));
        // Everyone may be mentioned.
        Assert.Single(page.FindAll("[data-kind=Mentioned]"));
        Assert.Equal(endorsements, page.FindAll("[data-kind=Endorsed]").Count == 1);
        Assert.Equal(9 + (escalations ? 1 : 0) + (endorsements ? 1 : 0), page.FindAll("[data-testid=prefs-kind]").Count);
    }

    [Fact]
    public async Task Unconfirmed_address_is_named_with_the_notice_that_no_mails_go_out_and_a_resend_button()
    {
        var userId = await SeedAccountAsync(Roles.CustomerId, confirmed: false);
        SignIn(userId, Roles.Customer);

        var page = Render<NotificationSettingsPage>();

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=prefs-unconfirmed]")));
        var notice = page.Find("[data-testid=prefs-unconfirmed]").TextContent;
        Assert.Contains("not confirmed yet", notice, StringComparison.Ordinal);
        Assert.Contains($"Until you confirm {EmailOf(userId)}", notice, StringComparison.Ordinal);
        Assert.Contains("no notification mails are sent", notice, StringComparison.Ordinal);
        Assert.Contains("Send confirmation mail again", page.Find("[data-testid=prefs-resend]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=prefs-address]"));
    }

    [Fact]
    public async Task Confirmed_address_is_named_without_a_warning()
    {
        var userId = await SeedAccountAsync(Roles.CustomerId, confirmed: true);
        SignIn(userId, Roles.Customer);

        var page = Render<NotificationSettingsPage>();

        await page.WaitForAssertionAsync(() => Assert.Contains($"Notification mails go to {EmailOf(userId)} (confirmed).", page.Find("[data-testid=prefs-address]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=prefs-unconfirmed]"));
    }

    [Fact]
    public async Task Saving_for_an_account_that_is_gone_says_so_and_keeps_the_choices_on_the_page()
    {
        var userId = await SeedAccountAsync(Roles.CustomerId, confirmed: true);
        SignIn(userId, Roles.Customer);
        var page = Render<NotificationSettingsPage>();
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=prefs-save]")));
        await Choose(page, NotificationKind.Reply, MailDelivery.Never);
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(Ct);
        }

        await page.Find("[data-testid=prefs-save]").ClickAsync(new());

        await page.WaitForAssertionAsync(() => Assert.Contains("this account no longer exists", page.Find("[data-testid=prefs-outcome]").TextContent, StringComparison.Ordinal));
        Assert.Equal(MailDelivery.Never, Choice(page, NotificationKind.Reply));
        Assert.Equal(0, await CountPreferencesAsync(userId));
    }

    private static string EmailOf(string userId) => $"{userId}@example.test";

    private static MailDelivery Choice(IRenderedComponent<NotificationSettingsPage> page, NotificationKind kind) =>
        Group(page, kind).Instance.Value;

    private static Task Choose(IRenderedComponent<NotificationSettingsPage> page, NotificationKind kind, MailDelivery delivery)
    {
        var group = Group(page, kind);
        return page.InvokeAsync(() => group.Instance.ValueChanged.InvokeAsync(delivery));
    }

    private static IRenderedComponent<MudRadioGroup<MailDelivery>> Group(IRenderedComponent<NotificationSettingsPage> page, NotificationKind kind) =>
        page.FindComponents<MudRadioGroup<MailDelivery>>().Single(g => Equals(g.Instance.UserAttributes["data-testid"], $"prefs-{kind}"));

    private async Task<string> SeedAccountAsync(string roleId, bool confirmed, string? language = null)
    {
        var userId = await SeedUserAsync("Paula", roleId);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Email, EmailOf(userId)).SetProperty(u => u.EmailConfirmed, confirmed).SetProperty(u => u.Language, language), Ct);
        return userId;
    }

    private async Task<int> CountPreferencesAsync(string userId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.NotificationPreferences.CountAsync(p => p.UserId == userId, Ct);
    }
}
