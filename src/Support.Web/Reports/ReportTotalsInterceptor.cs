using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Support.Data;
using Support.Data.Reports;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>
/// Keeps the report figures that live beside the ledger in step with every SaveChanges: before it, the month-total
/// deltas (<see cref="MonthTotals"/>) and the gift counts' (<see cref="GiftCounts"/>) of the rows it saves;
/// after it, the reminder conversions of the emails it touched (<see cref="ReminderConversions"/>) and the active
/// supporters among the supporters it touched (<see cref="ActiveSupporters"/>). Inside a transaction
/// (every Stripe event, ADR 0008; every account change, ADR 0021) each delta is one atomic increment, so instances
/// writing at once never lose one, and the conversions commit with the change. Bulk inserts and ExecuteUpdate bypass
/// it: `demo seed` rebuilds after its insert (<see cref="MonthTotalsRebuild"/>).
/// </summary>
public sealed class ReportTotalsInterceptor : SaveChangesInterceptor
{
    public static readonly ReportTotalsInterceptor Instance = new();

    /// <summary>The emails a save in flight touched, per context, for after it.</summary>
    private static readonly ConditionalWeakTable<DbContext, Touched> _touched = new();

    /// <summary>What a save in flight touched: emails whose reminders may convert, gifts and supporters that may change who is active.</summary>
    private sealed record Touched(HashSet<string> Emails, List<Contribution> Gifts, List<long> LeftSupporters);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is SupportDbContext db)
        {
            await BeforeAsync(db, cancellationToken);
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is SupportDbContext db)
        {
            BeforeAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is SupportDbContext db)
        {
            await AfterAsync(db, cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is SupportDbContext db)
        {
            AfterAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private static async Task BeforeAsync(SupportDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        Dictionary<MonthKey, ReportMonth> deltas;
        Dictionary<IKeptCount, int> live;
        HashSet<string> emails;
        (List<Contribution> Gifts, List<long> Left) touched;
        // The readers below only read the tracked rows, detected just now: without this each of their Entries() calls
        // would scan every tracked row again (a dozen scans per save, many rows per save in a webhook batch).
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            deltas = MonthTotals.Deltas(db.ChangeTracker, await PaymentGifts.LoadAsync(db, ct), await AnnualGifts.LoadAsync(db, ct));
            live = GiftCounts.Deltas(db.ChangeTracker);
            emails = await ReminderConversions.AffectedAsync(db, ct);
            touched = ActiveSupporters.Touched(db);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        var (gifts, left) = touched;
        if (emails.Count > 0 || gifts.Count > 0)
        {
            _touched.AddOrUpdate(db, new Touched(emails, gifts, left));
        }
        var inTransaction = db.Database.CurrentTransaction is not null;
        if (inTransaction && DeferredMonthTotals.Current is { } deferred)
        {
            deferred.Add(deltas, live);
            return;
        }
        foreach (var (key, d) in deltas)
        {
            await MonthTotals.ApplyAsync(db, key, d, inTransaction, ct);
        }
        foreach (var (key, d) in live)
        {
            await KeptCounts.AddAsync(db, key, d, inTransaction, ct);
        }
    }

    private static async Task AfterAsync(SupportDbContext db, CancellationToken ct)
    {
        if (_touched.TryGetValue(db, out var touched))
        {
            _touched.Remove(db);
            if (touched.Emails.Count > 0)
            {
                await ReminderConversions.RecomputeAsync(db, touched.Emails, ct);
            }
            // After the save every gift has its supporter's stored id.
            var supporters = touched.Gifts.Select(g => g.SupporterId).Concat(touched.LeftSupporters).Where(id => id > 0).Distinct().ToList();
            if (supporters.Count > 0)
            {
                await ActiveSupporters.RecomputeAsync(db, supporters, ct);
            }
        }
    }

    private static void Forget(DbContext? db)
    {
        if (db is not null)
        {
            _touched.Remove(db);
        }
    }
}
