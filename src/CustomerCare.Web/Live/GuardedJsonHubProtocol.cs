using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Live;

/// <summary>
/// SignalR's JSON protocol, with one change for the public hub: a call it cannot bind — a method the hub does not have,
/// or arguments it cannot read — reaches the hub as a call of <see cref="LiveHub.NoSuchMethod"/>. SignalR answers such a
/// call before any hub filter, so a flood of them would never meet <see cref="LiveHubGuard"/>; as a call of a real method
/// it is counted like any other, and refused like any other (the fifth refusal in quick succession closes the
/// connection). Hubs without that method (the circuit's speaks its own protocol) get SignalR's own answer, as before.
/// </summary>
public sealed class GuardedJsonHubProtocol(IOptions<JsonHubProtocolOptions> options) : IHubProtocol
{
    private readonly JsonHubProtocol json = new(options);

    public string Name => json.Name;

    public int Version => json.Version;

    public TransferFormat TransferFormat => json.TransferFormat;

    public bool IsVersionSupported(int version) => json.IsVersionSupported(version);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => json.GetMessageBytes(message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => json.WriteMessage(message, output);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        ArgumentNullException.ThrowIfNull(binder);
        if (!json.TryParseMessage(ref input, binder, out message))
        {
            return false;
        }

        if (message is InvocationBindingFailureMessage failed && HasNoSuchMethod(binder))
        {
            message = new InvocationMessage(failed.InvocationId, nameof(LiveHub.NoSuchMethod), [failed.Target]);
        }

        return true;
    }

    private static bool HasNoSuchMethod(IInvocationBinder binder)
    {
        try
        {
            return binder.GetParameterTypes(nameof(LiveHub.NoSuchMethod)) is [var only] && only == typeof(string);
        }
        catch (HubException)
        {
            return false;
        }
    }

    /// <summary>
    /// Puts this protocol in the place of SignalR's JSON protocol. Its resolver is wrapped rather than its protocols
    /// replaced, because every later <c>AddSignalR</c> (Blazor's among them) adds the plain JSON protocol again.
    /// </summary>
    internal static void Register(IServiceCollection services)
    {
        services.AddSignalR();
        var resolver = services.Last(d => d.ServiceType == typeof(IHubProtocolResolver));
        services.Remove(resolver);
        services.AddSingleton<GuardedJsonHubProtocol>();
        services.AddSingleton<IHubProtocolResolver>(sp => new Resolver((IHubProtocolResolver)resolver.Create(sp), sp.GetRequiredService<GuardedJsonHubProtocol>()));
    }

    private sealed class Resolver(IHubProtocolResolver resolver, GuardedJsonHubProtocol guarded) : IHubProtocolResolver
    {
        public IReadOnlyList<IHubProtocol> AllProtocols { get; } = [.. resolver.AllProtocols.Select(p => p is JsonHubProtocol ? guarded : p)];

        public IHubProtocol? GetProtocol(string protocolName, IReadOnlyList<string>? supportedProtocols)
        {
            var found = resolver.GetProtocol(protocolName, supportedProtocols);
            return found is JsonHubProtocol ? guarded : found;
        }
    }
}
