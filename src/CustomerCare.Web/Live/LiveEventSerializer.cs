using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CustomerCare.Web.Live;

/// <summary>
/// Turns any <see cref="LiveEvent"/> into JSON and back for the trip between servers. Every concrete event type
/// of the events' assembly is found by reflection and written with its type name as discriminator, so a new
/// event needs no registration here.
/// </summary>
public static class LiveEventSerializer
{
    private const string Discriminator = "$event";

    /// <summary>Every event type that can travel, by discriminator.</summary>
    public static FrozenDictionary<string, Type> EventTypes { get; } = typeof(LiveEvent).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && t.IsSubclassOf(typeof(LiveEvent)))
        .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { AddEventTypes } },
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(LiveMessage message) => JsonSerializer.Serialize(message, Options);

    /// <summary>
    /// Throws <see cref="UnknownLiveEventException"/> for an event type this server does not know (a newer
    /// server during a rolling update) and <see cref="JsonException"/> for anything else unreadable.
    /// </summary>
    public static LiveMessage Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<LiveMessage>(json, Options) ?? throw new JsonException("The message is null.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException && EventTypeIn(json) is { } name && !EventTypes.ContainsKey(name))
        {
            throw new UnknownLiveEventException($"Unknown live event type '{name}'.", ex);
        }
    }

    private static string? EventTypeIn(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("event", out var liveEvent)
                && liveEvent.ValueKind == JsonValueKind.Object
                && liveEvent.TryGetProperty(Discriminator, out var name)
                && name.ValueKind == JsonValueKind.String
                ? name.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void AddEventTypes(JsonTypeInfo info)
    {
        if (info.Type != typeof(LiveEvent))
        {
            return;
        }

        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = Discriminator,
            // An event type missing here is a bug in this class; say so instead of sending a bare base.
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var (name, type) in EventTypes.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, name));
        }
    }
}

/// <summary>What travels on the Redis channel: the event and the server that published it.</summary>
public sealed record LiveMessage(string Origin, LiveEvent Event);

public sealed class UnknownLiveEventException : Exception
{
    public UnknownLiveEventException()
    {
    }

    public UnknownLiveEventException(string message)
        : base(message)
    {
    }

    public UnknownLiveEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
