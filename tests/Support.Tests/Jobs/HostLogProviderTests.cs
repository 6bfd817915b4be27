using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Support.Web.Jobs;
using HangfireLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Support.Tests.Jobs;

/// <summary>Hangfire's process-wide log provider writes through a host's logging and outlives that host's logging.</summary>
public sealed class HostLogProviderTests
{
    [Fact]
    public void Hangfire_lines_reach_the_host_logging_at_its_levels()
    {
        var lines = new Lines();
        using var factory = LoggerFactory.Create(b => b.AddProvider(lines).SetMinimumLevel(LogLevel.Warning));
        var log = new HostLogProvider(factory).GetLogger("Hangfire.Server.Worker");

        Assert.True(log.Log(HangfireLevel.Warn, () => "storage {unreachable}"));
        Assert.False(log.Log(HangfireLevel.Info, () => "a quiet line"));
        Assert.False(log.Log(HangfireLevel.Debug, null));

        Assert.Equal(["Hangfire.Server.Worker Warning storage {unreachable}"], lines);
    }

    [Fact]
    public void Lines_after_the_host_logging_is_disposed_are_dropped_without_failing()
    {
        var factory = LoggerFactory.Create(b => b.AddProvider(new Lines()));
        var provider = new HostLogProvider(factory);
        var used = provider.GetLogger("Hangfire.Used");
        Assert.True(used.Log(HangfireLevel.Warn, () => "before"));

        factory.Dispose();

        Assert.False(provider.GetLogger("Hangfire.New").Log(HangfireLevel.Warn, () => "after"));
        Assert.False(provider.GetLogger("Hangfire.New").Log(HangfireLevel.Warn, null));
    }

    private sealed class Lines : ConcurrentQueue<string>, ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Line(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Line(Lines lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel} {formatter(state, exception)}");
        }
    }
}
