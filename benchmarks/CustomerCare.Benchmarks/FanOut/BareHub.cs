using Microsoft.AspNetCore.SignalR;

namespace CustomerCare.Benchmarks.FanOut;

/// <summary>The reference: a hub with nothing in it. The suite broadcasts to its clients through IHubContext.</summary>
public sealed class BareHub : Hub
{
    public const string Path = "/bench/bare";
}
