using Microsoft.EntityFrameworkCore;
using Support.Tests.Infrastructure;

namespace Support.Tests.Reports;

/// <summary>
/// A ledger without month totals or live gift counts (from before they existed, or just after a migration that changed
/// them, ADR 0020 and 0021) gets them at the next start, equal to the from-scratch computation.
/// </summary>
public sealed class MonthTotalsAtStartTests
{
    /// <summary>The same database started again, as after a deployment.</summary>
    private sealed class Restarted(SupportAppFactory first) : SupportAppFactory
    {
        private readonly string firstDataDirectory = first.DataDirectory;

        protected override string DatabaseDirectory => firstDataDirectory;

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            TestDatabase.IsPostgreSql ? [] : [new("ConnectionStrings:Support", $"Data Source={Path.Combine(firstDataDirectory, "support.db")}")];
    }

    [Theory]
    [InlineData("month totals")]
    [InlineData("live gift counts")]
    public async Task A_start_that_finds_a_ledger_without_its_report_totals_computes_them_from_the_ledger(string missing)
    {
        using var first = new SupportAppFactory();
        await first.QueryAsync(async db => { await ReportHistory.InsertAsync(db); return 0; });
        var expected = await first.QueryAsync(MonthTotalsTests.FromScratchAsync);
        Assert.Equal(expected, await first.QueryAsync(MonthTotalsTests.KeptAsync));
        // What a migration that changes them does (the month rows split by frequency, ADR 0020; the live counts new, ADR 0021).
        await first.QueryAsync(db => missing == "month totals" ? db.ReportMonths.ExecuteDeleteAsync() : db.ReportLiveGifts.ExecuteDeleteAsync());

        using var restarted = new Restarted(first);
        restarted.StartServer();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, await restarted.QueryAsync(MonthTotalsTests.KeptAsync));
    }
}
