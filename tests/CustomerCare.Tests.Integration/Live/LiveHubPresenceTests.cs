using System.Text.Json;
using System.Threading.Channels;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Live;

/// <summary>
/// What the public hub tells about the people on a thread: how many read it and how many write — never who (user ids,
/// names) and never which server (host name, process id). The readers here are pages, entered as ThreadPresence does.
/// </summary>
public sealed class LiveHubPresenceTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PresenceService Presence => portal.Services.GetRequiredService<PresenceService>();

    [Fact]
    public async Task A_visitors_connection_learns_how_many_read_and_write_and_nothing_about_who_or_where()
    {
        var ideaId = await portal.ProposeIdeaAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        var anna = await portal.AddPersonAsync(Roles.Staff, "Anna Hubtest", "Customer Care", Ct);
        var carl = await portal.AddPersonAsync(Roles.Customer, "Carl Hubtest", ct: Ct);
        await using var visitor = await HubClient.ConnectAsync(portal);
        var events = HubClient.Record(visitor);
        await visitor.InvokeAsync(nameof(LiveHub.JoinPost), ideaId, Ct);
        var annaOnPage = new PresencePerson(anna.Id, anna.DisplayName, "Customer Care", WorksHere: true);

        using var annaReads = Presence.Enter(ideaId, annaOnPage, worksHere: true, _ => Task.CompletedTask);
        using var carlReads = Presence.Enter(ideaId, new PresencePerson(carl.Id, carl.DisplayName), worksHere: false, _ => Task.CompletedTask);
        await Presence.TypingAsync(ideaId, annaOnPage, typing: true, internalNote: false, Ct);

        // Until the counts say it all, or until the typing itself arrives (which would be the leak).
        var seen = await UntilAsync(events, e => e.Type == nameof(TypingChanged)
            || (e.Type == "PresenceCount" && e.Data.GetProperty("people").GetInt32() == 2 && e.Data.GetProperty("typing").GetInt32() == 1));
        var everything = string.Join("\n", seen.Select(e => $"{e.Type} {e.Data.GetRawText()}"));
        foreach (var secret in new[] { anna.Id, carl.Id, anna.DisplayName, carl.DisplayName, "Customer Care", Presence.ServerId, $"/{Environment.ProcessId}/" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(seen, e => e.Type is nameof(PresenceAnnounced) or nameof(TypingChanged));
    }

    [Fact]
    public async Task A_connection_joining_a_busy_thread_is_told_the_count_at_once()
    {
        var ideaId = await portal.ProposeIdeaAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        var reader = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        using var reads = Presence.Enter(ideaId, new PresencePerson(reader.Id, reader.DisplayName), worksHere: false, _ => Task.CompletedTask);
        await using var first = await HubClient.ConnectAsync(portal);
        await first.InvokeAsync(nameof(LiveHub.JoinPost), ideaId, Ct);
        await using var second = await HubClient.ConnectAsync(portal);
        var events = HubClient.Record(second);

        await second.InvokeAsync(nameof(LiveHub.JoinPost), ideaId, Ct);

        await UntilAsync(events, e => e.Type == "PresenceCount" && e.Data.GetProperty("people").GetInt32() == 1);
    }

    [Fact]
    public void A_servers_id_names_neither_its_host_nor_its_process()
    {
        var id = Presence.ServerId;

        Assert.DoesNotContain(Environment.MachineName, id, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), id, StringComparison.Ordinal);
    }

    /// <summary>Every event up to and including the first that <paramref name="until"/> accepts.</summary>
    private static async Task<List<(string Type, JsonElement Data)>> UntilAsync(
        Channel<(string Type, JsonElement Data)> events, Func<(string Type, JsonElement Data), bool> until)
    {
        var read = new List<(string Type, JsonElement Data)>();
        while (true)
        {
            var next = await events.Reader.ReadAsync(Ct).AsTask().WaitAsync(TestTimeouts.Wait, Ct);
            read.Add(next);
            if (until(next))
            {
                return read;
            }
        }
    }
}
