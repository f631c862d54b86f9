using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CustomerCare.Tests.Integration.Live;

/// <summary>Keeps every log entry so a test can check what an operator would read.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. entries];

    public int Count(LogLevel level, string containing) =>
        entries.Count(e => e.Level == level && e.Message.Contains(containing, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(entries);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, exception is null ? formatter(state, null) : $"{formatter(state, exception)} ({exception.GetType().Name}: {exception.Message})"));
    }
}
