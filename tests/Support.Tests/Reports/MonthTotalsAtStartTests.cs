using Microsoft.EntityFrameworkCore;
using Support.Tests.Infrastructure;

namespace Support.Tests.Reports;

/// <summary>
/// A ledger without month totals (from before they existed, or just after the migration that split them by gift
/// frequency, ADR 0020) gets them at the next start, equal to the from-scratch computation.
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

    [Fact]
    public async Task A_start_that_finds_a_ledger_without_month_totals_computes_them_from_the_ledger()
    {
        using var first = new SupportAppFactory();
        await first.QueryAsync(async db => { await ReportHistory.InsertAsync(db); return 0; });
        var expected = await first.QueryAsync(MonthTotalsTests.FromScratchAsync);
        Assert.Equal(expected, await first.QueryAsync(MonthTotalsTests.KeptAsync));
        // What the migration does to the rows of one frequency for all.
        await first.QueryAsync(db => db.ReportMonths.ExecuteDeleteAsync());

        using var restarted = new Restarted(first);
        restarted.StartServer();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, await restarted.QueryAsync(MonthTotalsTests.KeptAsync));
    }
}
