using System.Collections.Concurrent;
using CustomerCare.Web.Live;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CustomerCare.Tests.Integration.Live;

/// <summary>One portal server as far as the bus goes: a <see cref="RedisLiveBus"/> and the pages listening on it.</summary>
internal sealed class LiveServer : IAsyncDisposable
{
    private readonly List<IDisposable> subscriptions = [];
    private readonly ILoggerFactory loggerFactory;

    private LiveServer(string redis, string channel, RecordingLoggerProvider logs)
    {
        Logs = logs;
        loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        Bus = new RedisLiveBus(
            Options.Create(new LiveOptions { Redis = redis, Channel = channel }),
            new InMemoryLiveBus(NullLogger<InMemoryLiveBus>.Instance),
            loggerFactory.CreateLogger<RedisLiveBus>());
    }

    public RedisLiveBus Bus { get; }

    public RecordingLoggerProvider Logs { get; }

    public static string NewChannel() => $"customercare:test:{Guid.NewGuid():N}";

    /// <summary>Connected and subscribed when Redis is up, as the tests that send events need.</summary>
    public static async Task<LiveServer> StartAsync(string redis, string channel)
    {
        var server = Create(redis, channel);
        await server.Bus.ConnectAsync();
        return server;
    }

    /// <summary>Not connected yet: start it the way the host does, with <see cref="RedisLiveBus.StartAsync"/>.</summary>
    public static LiveServer Create(string redis, string channel) => new(redis, channel, new RecordingLoggerProvider());

    /// <summary>What an open page of this topic receives, in order.</summary>
    public ConcurrentQueue<LiveEvent> Listen(string topic)
    {
        var received = new ConcurrentQueue<LiveEvent>();
        subscriptions.Add(Bus.Subscribe(topic, e =>
        {
            received.Enqueue(e);
            return Task.CompletedTask;
        }));
        return received;
    }

    public async ValueTask DisposeAsync()
    {
        subscriptions.ForEach(s => s.Dispose());
        await Bus.DisposeAsync();
        loggerFactory.Dispose();
        Logs.Dispose();
    }
}
