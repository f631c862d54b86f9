using System.Security.Claims;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Components.Account;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Threads;

/// <summary>The line above a thread: how many people read it and who is writing.</summary>
public sealed class ThreadPresenceTests : ComponentTestContext
{
    private const int PostId = 7;

    private static readonly PresencePerson Anna = new("anna-id", "Anna Berger", "Customer Care", WorksHere: true);

    private PresenceService Presence => Services.GetRequiredService<PresenceService>();

    public ThreadPresenceTests()
    {
        // Roles first: bUnit's SetRoles builds the user anew and drops claims set before it.
        Auth.SetAuthorized("clara@example.test");
        Auth.SetRoles(Roles.Customer);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "clara-id"), new Claim(CareClaimsPrincipalFactory.DisplayName, "Clara Schmidt"));
    }

    [Fact]
    public void Alone_on_a_thread_nothing_is_shown()
    {
        var line = Render<ThreadPresence>(p => p.Add(x => x.PostId, PostId));

        Assert.Empty(line.FindAll("[data-testid=presence-count]"));
        Assert.Empty(line.FindAll("[data-testid=presence-typing]"));
    }

    [Fact]
    public async Task Others_arriving_and_a_staff_member_typing_show_with_name_and_job()
    {
        var line = Render<ThreadPresence>(p => p.Add(x => x.PostId, PostId));
        using var anna = Presence.Enter(PostId, Anna, worksHere: true, _ => Task.CompletedTask);
        using var visitor = Presence.Enter(PostId, new("visit:1", "Visitor"), worksHere: false, _ => Task.CompletedTask);

        line.WaitForAssertion(() => Assert.Equal("3 people here", line.Find("[data-testid=presence-count]").TextContent.Trim()));

        await Presence.TypingAsync(PostId, Anna, typing: true, internalNote: false, Ct);

        line.WaitForAssertion(() => Assert.Equal(
            "Anna Berger (Customer Care) is typing…", line.Find("[data-testid=presence-typing]").TextContent.Trim()));

        await Presence.TypingAsync(PostId, Anna, typing: false, internalNote: false, Ct);

        line.WaitForAssertion(() => Assert.Empty(line.FindAll("[data-testid=presence-typing]")));
    }

    [Fact]
    public async Task A_customer_never_sees_that_staff_write_an_internal_note()
    {
        var line = Render<ThreadPresence>(p => p.Add(x => x.PostId, PostId));
        using var anna = Presence.Enter(PostId, Anna, worksHere: true, _ => Task.CompletedTask);
        line.WaitForAssertion(() => Assert.NotEmpty(line.FindAll("[data-testid=presence-count]")));

        await Presence.TypingAsync(PostId, Anna, typing: true, internalNote: true, Ct);
        await Presence.TypingAsync(PostId, new("ben-id", "Ben Kunde"), typing: true, internalNote: false, Ct);

        line.WaitForAssertion(() => Assert.Equal("Ben Kunde is typing…", line.Find("[data-testid=presence-typing]").TextContent.Trim()));
        Assert.DoesNotContain("Anna", line.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitor_sees_that_someone_writes_but_not_who()
    {
        Auth.SetNotAuthorized();
        var line = Render<ThreadPresence>(p => p.Add(x => x.PostId, PostId));
        using var anna = Presence.Enter(PostId, Anna, worksHere: true, _ => Task.CompletedTask);
        line.WaitForAssertion(() => Assert.NotEmpty(line.FindAll("[data-testid=presence-count]")));

        await Presence.TypingAsync(PostId, Anna, typing: true, internalNote: false, Ct);

        line.WaitForAssertion(() => Assert.Equal("Someone is typing…", line.Find("[data-testid=presence-typing]").TextContent.Trim()));
        Assert.DoesNotContain("Anna", line.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_with_the_stored_name_of_a_deleted_account_is_named_in_the_readers_language()
    {
        UseCulture("de");
        var line = Render<ThreadPresence>(p => p.Add(x => x.PostId, PostId));
        var former = new PresencePerson("gone-id", CareUser.FormerCustomerName);
        using var here = Presence.Enter(PostId, former, worksHere: false, _ => Task.CompletedTask);

        await Presence.TypingAsync(PostId, former, typing: true, internalNote: false, Ct);

        line.WaitForAssertion(() => Assert.Equal("Ehemaliger Kunde schreibt…", line.Find("[data-testid=presence-typing]").TextContent.Trim()));
    }

    [Fact]
    public async Task Leaving_the_page_leaves_no_subscription_behind()
    {
        var bus = Services.GetRequiredService<InMemoryLiveBus>();
        var before = bus.SubscriptionCount;
        var line = Render<ThreadPresence>(p => p.Add(x => x.PostId, PostId));
        line.WaitForAssertion(() => Assert.True(bus.SubscriptionCount > before));

        await DisposeComponentsAsync();

        Assert.Equal(before, bus.SubscriptionCount);
    }
}
