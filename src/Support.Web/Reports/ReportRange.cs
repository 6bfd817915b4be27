using System.Globalization;

namespace Support.Web.Reports;

/// <summary>
/// A report's whole UTC months, <see cref="From"/> inclusive to <see cref="To"/> exclusive, in one currency.
/// Parsed from <c>?from=2026-01&amp;to=2026-12&amp;currency=usd</c> (a day, 2026-01-15, selects its month).
/// </summary>
public sealed record ReportRange(DateTime From, DateTime To, string Currency)
{
    public const int MaxMonths = 120;

    public IEnumerable<DateTime> Months()
    {
        for (var month = From; month < To; month = month.AddMonths(1))
        {
            yield return month;
        }
    }

    /// <summary>"2026-01": how months appear in the JSON, the CSV and the page.</summary>
    public static string MonthKey(DateTime month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The range, or an error sentence for a 400. Defaults: the last 12 months including this one, the configured currency.</summary>
    public static (ReportRange? Range, string? Error) Parse(string? from, string? to, string? currency, DateTime nowUtc, string defaultCurrency)
    {
        var thisMonth = new DateTime(nowUtc.Year, nowUtc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        DateTime toMonth = thisMonth, fromMonth;
        if (!string.IsNullOrWhiteSpace(to) && !TryParseMonth(to, out toMonth))
        {
            return (null, $"to must be a month like 2026-12 or a date like 2026-12-31 (got {Shorten(to)}).");
        }
        if (string.IsNullOrWhiteSpace(from))
        {
            fromMonth = toMonth.AddMonths(-11);
        }
        else if (!TryParseMonth(from, out fromMonth))
        {
            return (null, $"from must be a month like 2026-01 or a date like 2026-01-01 (got {Shorten(from)}).");
        }
        if (fromMonth > toMonth)
        {
            return (null, "from must not be after to.");
        }
        if (fromMonth.AddMonths(MaxMonths) <= toMonth)
        {
            return (null, $"A report covers at most {MaxMonths} months.");
        }
        var code = string.IsNullOrWhiteSpace(currency) ? defaultCurrency : currency.Trim().ToLowerInvariant();
        if (code.Length != 3 || !code.All(char.IsAsciiLetterLower))
        {
            return (null, $"currency must be a three-letter code such as usd (got {Shorten(currency!)}).");
        }
        return (new ReportRange(fromMonth, toMonth.AddMonths(1), code), null);
    }

    private static bool TryParseMonth(string value, out DateTime month)
    {
        string[] formats = ["yyyy-MM", "yyyy-MM-dd"];
        if (DateTime.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            && parsed.Year is >= 2000 and <= 2100)
        {
            month = new DateTime(parsed.Year, parsed.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            return true;
        }
        month = default;
        return false;
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
