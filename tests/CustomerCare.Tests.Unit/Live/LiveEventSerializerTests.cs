using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Live;

namespace CustomerCare.Tests.Unit.Live;

public sealed class LiveEventSerializerTests
{
    public static TheoryData<string> EventTypeNames => [.. LiveEventSerializer.EventTypes.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_event_type_of_the_product_is_found_without_registration()
    {
        var names = LiveEventSerializer.EventTypes.Keys;

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                nameof(VoteCountChanged), nameof(PostCreated), nameof(StatusChanged), nameof(PostEdited), nameof(PostRemoved), nameof(PostMerged),
            },
            names.ToHashSet(StringComparer.Ordinal));
    }

    // Built by reflection with a value in every member, so a new event type whose data cannot make the trip fails here.
    [Theory]
    [MemberData(nameof(EventTypeNames))]
    public void Event_arrives_on_the_other_server_with_all_its_data(string eventType)
    {
        var original = (LiveEvent)new SampleMaker().Make(LiveEventSerializer.EventTypes[eventType]);
        var json = LiveEventSerializer.Serialize(new LiveMessage("server-a", original));

        var received = LiveEventSerializer.Deserialize(json);

        Assert.Equal("server-a", received.Origin);
        Assert.IsType(original.GetType(), received.Event);
        Assert.Equal(original.Topic, received.Event.Topic);
        Assert.Equal(json, LiveEventSerializer.Serialize(received));
    }

    [Fact]
    public void Event_type_from_a_newer_server_is_reported_as_unknown()
    {
        const string json = """{"origin":"newer","event":{"$event":"PollOpened","topic":"post:1","occurredAt":"2026-01-01T00:00:00Z"}}""";

        var error = Assert.Throws<UnknownLiveEventException>(() => LiveEventSerializer.Deserialize(json));

        Assert.Contains("PollOpened", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_on_the_channel_is_unreadable_not_unknown()
    {
        Assert.ThrowsAny<JsonException>(() => LiveEventSerializer.Deserialize("{\"origin\":"));
    }

    /// <summary>Fills every constructor parameter with a distinct, non-default value.</summary>
    private sealed class SampleMaker
    {
        private int next = 1;

        public object Make(Type type, int depth = 0)
        {
            Assert.True(depth < 8, $"{type} nests too deeply to build a sample.");
            type = Nullable.GetUnderlyingType(type) ?? type;
            var n = next++;
            if (type == typeof(string)) return $"text {n}";
            if (type == typeof(bool)) return true;
            if (type == typeof(DateTime)) return new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddMinutes(n);
            if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddMinutes(n);
            if (type == typeof(TimeSpan)) return TimeSpan.FromMinutes(n);
            if (type == typeof(Guid)) return new Guid(n, 1, 2, [3, 4, 5, 6, 7, 8, 9, 10]);
            if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!;
            if (type.IsPrimitive || type == typeof(decimal)) return Convert.ChangeType(n, type, CultureInfo.InvariantCulture);
            if (type.IsArray) return OneElement(type.GetElementType()!, depth, Array.CreateInstance(type.GetElementType()!, 1));
            if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
            {
                var element = type.GetGenericArguments()[0];
                return OneElement(element, depth, (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!);
            }

            var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).MaxBy(c => c.GetParameters().Length)
                ?? throw new InvalidOperationException($"{type} has no public constructor.");
            return constructor.Invoke([.. constructor.GetParameters().Select(p => Make(p.ParameterType, depth + 1))]);
        }

        private object OneElement(Type element, int depth, IList list)
        {
            var value = Make(element, depth + 1);
            if (list is Array array)
            {
                array.SetValue(value, 0);
            }
            else
            {
                list.Add(value);
            }

            return list;
        }
    }
}
