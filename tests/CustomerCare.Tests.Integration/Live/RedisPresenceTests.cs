using CustomerCare.Tests.Support;
using CustomerCare.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerCare.Tests.Integration.Live;

/// <summary>Presence and typing between two servers that share only the Redis that ./test.sh starts.</summary>
public sealed class RedisPresenceTests
{
    private static readonly TimeSpan Patience = TestTimeouts.Wait;

    [Fact]
    public async Task Readers_and_typing_on_one_server_are_seen_on_the_other_through_Redis()
    {
        var channel = LiveServer.NewChannel();
        await using var a = await LiveServer.StartAsync(TestDependencies.Redis, channel);
        await using var b = await LiveServer.StartAsync(TestDependencies.Redis, channel);
        using var presenceA = new PresenceService(a.Bus, TimeProvider.System, NullLogger<PresenceService>.Instance) { ServerId = "A" };
        using var presenceB = new PresenceService(b.Bus, TimeProvider.System, NullLogger<PresenceService>.Instance) { ServerId = "B" };
        var anna = new PresencePerson("anna", "Anna Berger", "Customer Care", WorksHere: true);
        var latestOnA = PresenceSnapshot.Nobody;

        using var carl = presenceA.Enter(9, new("carl", "Carl Kunde"), worksHere: false, s =>
        {
            latestOnA = s;
            return Task.CompletedTask;
        });
        using var onB = presenceB.Enter(9, anna, worksHere: true, _ => Task.CompletedTask);
        await Until.TrueAsync(() => latestOnA.Others == 1, Patience, "Anna on server B counted on server A");

        await presenceB.TypingAsync(9, anna, typing: true, internalNote: false, TestContext.Current.CancellationToken);
        await Until.TrueAsync(() => latestOnA.Typing.Count == 1, Patience, "Anna's typing on server A");

        onB.Dispose();
        await Until.TrueAsync(() => latestOnA.Others == 0, Patience, "Anna leaving seen on server A");
    }
}
