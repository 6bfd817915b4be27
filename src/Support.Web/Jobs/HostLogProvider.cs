using Hangfire.Logging;
using LogLevel = Hangfire.Logging.LogLevel;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Support.Web.Jobs;

/// <summary>
/// Hangfire's log lines through the host's logging (<c>Logging:LogLevel:Hangfire</c> filters them). Hangfire keeps one
/// log provider for the whole process, set by the host that configured it last, and asks it for loggers at any time:
/// once that host has stopped and its logging is disposed, the lines are dropped rather than failing Hangfire's work
/// in a host still running.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new HostLog(factory, name);

    private sealed class HostLog(ILoggerFactory factory, string name) : ILog
    {
        private ILogger? _logger;

        bool ILog.Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception)
        {
            var level = logLevel switch
            {
                LogLevel.Trace => MsLogLevel.Trace,
                LogLevel.Debug => MsLogLevel.Debug,
                LogLevel.Info => MsLogLevel.Information,
                LogLevel.Warn => MsLogLevel.Warning,
                LogLevel.Error => MsLogLevel.Error,
                _ => MsLogLevel.Critical,
            };
            try
            {
                var logger = _logger ??= factory.CreateLogger(name);
                // Hangfire asks with no message whether a level is on.
                if (messageFunc is null || !logger.IsEnabled(level))
                {
                    return logger.IsEnabled(level);
                }
                logger.Log(level, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
