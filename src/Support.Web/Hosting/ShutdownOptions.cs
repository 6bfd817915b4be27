using System.ComponentModel.DataAnnotations;

namespace Support.Web.Hosting;

/// <summary>What SIGTERM (or Ctrl+C) does: stop taking work, finish what is in flight, exit within a bound.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>
    /// The whole stop, drain delay included: in-flight requests (webhooks) finish, the message being sent by each
    /// email sender is recorded, reminder claims are handed back. Past it the host stops waiting and exits.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// How long the instance keeps serving after the stop signal while <c>/healthz/ready</c> answers 503, so a load
    /// balancer that probes readiness sends new readers elsewhere before connections close. 0 for nginx's passive checks.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;
}
