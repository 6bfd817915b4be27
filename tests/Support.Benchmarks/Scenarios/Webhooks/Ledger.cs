namespace Support.Benchmarks.Scenarios.Webhooks;

/// <summary>The ledger's counts and sums, read straight from the service's database (SQLite read-only, or PostgreSQL).</summary>
public sealed record Ledger(
    long Supporters,
    long Contributions,
    long Payments,
    long PaidPayments,
    long PaidCents,
    long FailedPayments,
    long FailedCents,
    long RecoveredPayments,
    long ProcessedEvents)
{
    public static Ledger Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static async Task<Ledger> ReadAsync(Hosting.BenchDatabase database, string dataDirectory)
    {
        await using var connection = await database.OpenAsync(dataDirectory);
        async Task<long> Scalar(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }
        return new Ledger(
            await Scalar("""SELECT COUNT(*) FROM "Supporters" """),
            await Scalar("""SELECT COUNT(*) FROM "Contributions" """),
            await Scalar("""SELECT COUNT(*) FROM "Payments" """),
            await Scalar("""SELECT COUNT(*) FROM "Payments" WHERE "Status" = 'Paid'"""),
            await Scalar("""SELECT COALESCE(SUM("AmountCents"), 0) FROM "Payments" WHERE "Status" = 'Paid'"""),
            await Scalar("""SELECT COUNT(*) FROM "Payments" WHERE "Status" = 'Failed'"""),
            await Scalar("""SELECT COALESCE(SUM("AmountCents"), 0) FROM "Payments" WHERE "Status" = 'Failed'"""),
            await Scalar("""SELECT COUNT(*) FROM "Payments" WHERE "Status" = 'Paid' AND "FirstFailedAt" IS NOT NULL"""),
            await Scalar("""SELECT COUNT(*) FROM "ProcessedStripeEvents" """));
    }

    public Ledger Plus(Ledger d) => new(
        Supporters + d.Supporters, Contributions + d.Contributions, Payments + d.Payments,
        PaidPayments + d.PaidPayments, PaidCents + d.PaidCents, FailedPayments + d.FailedPayments,
        FailedCents + d.FailedCents, RecoveredPayments + d.RecoveredPayments, ProcessedEvents + d.ProcessedEvents);

    /// <summary>Each field that differs, as "name: expected X, found Y".</summary>
    public List<string> Differences(Ledger actual)
    {
        var expected = Fields(this);
        var found = Fields(actual);
        return expected.Zip(found).Where(p => p.First.Value != p.Second.Value)
            .Select(p => $"{p.First.Name}: expected {p.First.Value}, found {p.Second.Value}").ToList();
    }

    private static (string Name, long Value)[] Fields(Ledger l) =>
    [
        ("supporters", l.Supporters), ("contributions", l.Contributions), ("payments", l.Payments),
        ("paid payments", l.PaidPayments), ("paid cents", l.PaidCents), ("failed payments", l.FailedPayments),
        ("failed cents", l.FailedCents), ("recovered payments", l.RecoveredPayments), ("processed events", l.ProcessedEvents),
    ];
}
