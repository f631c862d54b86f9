using CustomerCare.Tests.Integration.Hosting;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CustomerCare.Tests.Integration.Live;

/// <summary>
/// Odd messages to the public hub in Production: wrong types, numbers out of range, missing or extra arguments, methods
/// that do not exist. Each is refused with a short message that names no server code, and the connection stays usable.
/// </summary>
public sealed class LiveHubOddInputTests(ProductionPortal portal) : IClassFixture<ProductionPortal>
{
    private static readonly int[] TwoIds = [1, 2];

    public static TheoryData<string, object?[]> Messages => new()
    {
        { nameof(LiveHub.JoinPost), ["abc"] },
        { nameof(LiveHub.JoinPost), [99_999_999_999L] },
        { nameof(LiveHub.JoinPost), [-1] },
        { nameof(LiveHub.JoinPost), [0] },
        { nameof(LiveHub.JoinPost), [int.MaxValue] },
        { nameof(LiveHub.JoinPost), [1.5] },
        { nameof(LiveHub.JoinPost), [null] },
        { nameof(LiveHub.JoinPost), [TwoIds] },
        { nameof(LiveHub.JoinPost), [] },
        { nameof(LiveHub.JoinPost), [1, 2, 3] },
        { nameof(LiveHub.LeavePost), ["\u202e\u0000"] },
        { nameof(LiveHub.JoinBoard), ["unexpected"] },
        { "NoSuchMethod", [] },
        { "OnConnectedAsync", [] },
        { "Dispose", [] },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task An_odd_message_is_refused_briefly_and_the_connection_goes_on(string method, object?[] arguments)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubClient.ConnectAsync(portal);

        var refused = await Record.ExceptionAsync(() => hub.InvokeCoreAsync(method, arguments, ct));

        if (refused is not null)
        {
            var error = Assert.IsType<HubException>(refused);
            Assert.DoesNotMatch(@"\bat [\w.`<>+]+\(|\.cs:line|StackTrace|Microsoft\.|System\.", error.Message);
        }

        await hub.InvokeAsync(nameof(LiveHub.JoinBoard), ct);
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }
}
