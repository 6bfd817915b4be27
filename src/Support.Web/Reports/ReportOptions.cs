using System.ComponentModel.DataAnnotations;

namespace Support.Web.Reports;

public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>How often in-memory prompt counts are written to the database (also at shutdown).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PromptFlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a computed summary (page and JSON API) is reused for the same range and currency; the page says when
    /// its figures were computed. Zero (the default) computes every request: the month totals make that cheap, and a
    /// new supporter shows at once (ADR 0015).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SummaryCacheDuration { get; set; } = TimeSpan.Zero;
}
