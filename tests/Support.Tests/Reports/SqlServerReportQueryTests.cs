using Support.Tests.Infrastructure;
using Support.Web.Reports;

namespace Support.Tests.Reports;

/// <summary>
/// SQL Server cannot run here, so the report queries are translated by the SQL Server provider against a connection
/// that never opens (<see cref="ServerlessSqlServer"/>): every query must translate, with the aggregates in SQL.
/// </summary>
public sealed class SqlServerReportQueryTests
{
    [Fact]
    public async Task Every_summary_query_translates_to_sql_server_aggregates()
    {
        using var server = new ServerlessSqlServer();
        var range = new ReportRange(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), "usd");

        await new ReportQueries(server.Context, TimeProvider.System).SummaryAsync(range, CancellationToken.None);

        Assert.NotEmpty(server.Commands);
        // The month totals (the range's rows, and the annual rows up to its end for MRR at month ends) and the live gift
        // counts are rows read as they are (ADR 0015, 0021); everything else is aggregated in SQL, no ledger row is read.
        static bool ReadAsRows(string sql) => sql.Contains("FROM [ReportMonths]", StringComparison.Ordinal) || sql.Contains("FROM [ReportLiveGifts]", StringComparison.Ordinal);
        Assert.Equal(2, server.Commands.Count(sql => sql.Contains("FROM [ReportMonths]", StringComparison.Ordinal)));
        Assert.Single(server.Commands, sql => sql.Contains("FROM [ReportLiveGifts]", StringComparison.Ordinal));
        Assert.All(server.Commands.Where(sql => !ReadAsRows(sql)), sql => Assert.Matches(@"COUNT\(|SUM\(|OFFSET", sql));
    }

    [Fact]
    public async Task A_kept_count_is_one_sql_server_merge_on_the_tables_key()
    {
        using var server = new ServerlessSqlServer();

        await KeptCounts.AddAsync(server.Context, new LiveKey("usd", Support.Data.Supporters.GiftFrequency.Year, 6000, false, true), 1,
            inTransaction: true, CancellationToken.None);
        await KeptCounts.AddAsync(server.Context, new ArticleMonthKey("an-article", new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc)), -1,
            inTransaction: true, CancellationToken.None);

        Assert.Collection(server.Commands,
            live => Assert.Equal("MERGE [ReportLiveGifts] WITH (HOLDLOCK) AS t USING (VALUES (@p0, @p1, @p2, @p3, @p4)) AS s "
                + "([Currency], [Frequency], [AmountCents], [Paused], [CancelAtPeriodEnd]) ON t.[Currency] = s.[Currency] AND "
                + "t.[Frequency] = s.[Frequency] AND t.[AmountCents] = s.[AmountCents] AND t.[Paused] = s.[Paused] AND "
                + "t.[CancelAtPeriodEnd] = s.[CancelAtPeriodEnd] WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] + @p5 WHEN NOT MATCHED "
                + "THEN INSERT ([Currency], [Frequency], [AmountCents], [Paused], [CancelAtPeriodEnd], [Count]) VALUES (s.[Currency], "
                + "s.[Frequency], s.[AmountCents], s.[Paused], s.[CancelAtPeriodEnd], @p5);", live),
            article => Assert.StartsWith("MERGE [ReportArticleMonths] WITH (HOLDLOCK) AS t USING (VALUES (@p0, @p1)) AS s ([ArticleSlug], [Month])",
                article, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_month_rows_delta_in_a_transaction_is_one_sql_server_merge_on_the_rows_key()
    {
        using var server = new ServerlessSqlServer();
        var month = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);

        await MonthTotals.ApplyAsync(server.Context, new MonthKey("usd", month, "month"),
            new Support.Data.Reports.ReportMonth { Currency = "usd", Month = month, Frequency = "month", IssuedCents = 700 }, inTransaction: true, CancellationToken.None);

        var merge = Assert.Single(server.Commands);
        Assert.StartsWith("MERGE [ReportMonths] WITH (HOLDLOCK) AS t USING (VALUES (@p0, @p1, @p2)) AS s ([Currency], [Month], [Frequency]) ON ",
            merge, StringComparison.Ordinal);
        Assert.Contains("WHEN MATCHED THEN UPDATE SET [IssuedCents] = t.[IssuedCents] + @p3, [EndedIssuedCents] = t.[EndedIssuedCents] + @p4, ",
            merge, StringComparison.Ordinal);
        Assert.Contains("[AnnualMrrChangeCents] = t.[AnnualMrrChangeCents] + @p11 WHEN NOT MATCHED THEN INSERT", merge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reminder_conversion_recompute_translates_to_one_sql_server_update()
    {
        using var server = new ServerlessSqlServer();

        await ReminderConversions.RecomputeAsync(server.Context, ["reader@example.org"], CancellationToken.None);

        var update = Assert.Single(server.Commands);
        Assert.StartsWith("UPDATE [r]", update, StringComparison.Ordinal);
        Assert.Contains("DATEADD(day, CAST(30.0E0 AS int), [r].[SentAt])", update, StringComparison.Ordinal);
    }
}
