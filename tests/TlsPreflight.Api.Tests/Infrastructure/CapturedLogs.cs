using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TlsPreflight.Api.Tests.Infrastructure;

/// <summary>Keeps every formatted log line of the API (Information and up), so tests can check what logs carry.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => logs.lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}
