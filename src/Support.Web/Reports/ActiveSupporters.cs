using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Reports;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>
/// The supporters with a live contribution per currency (<see cref="ReportActiveSupporter"/>, ADR 0021). A supporter
/// counts once however many live gifts it has, so this is not a delta of one row: after every save that adds or removes
/// a live gift, or changes a gift's liveness, currency or supporter, the rows of the supporters it touched are
/// recomputed from their contributions, in the same transaction (two statements). One supporter's saves never run at
/// once: the ledger locks the supporter's row first.
/// </summary>
public static class ActiveSupporters
{
    private static readonly string[] LiveStatuses =
        [nameof(ContributionStatus.Active), nameof(ContributionStatus.PastDue), nameof(ContributionStatus.Trialing)];

    /// <summary>The contributions of a save that may change who is active, and the supporters they left; read before the save.</summary>
    public static (List<Contribution> Gifts, List<long> Left) Touched(SupportDbContext db)
    {
        var gifts = new List<Contribution>();
        var left = new List<long>();
        foreach (var entry in db.ChangeTracker.Entries<Contribution>())
        {
            var wasLive = entry.State is EntityState.Modified or EntityState.Deleted && ContributionRules.IsLive(entry.Property(c => c.Status).OriginalValue);
            var isLive = entry.State is EntityState.Modified or EntityState.Added && ContributionRules.IsLive(entry.Entity.Status);
            var moved = entry.State == EntityState.Modified && (entry.Property(c => c.Currency).IsModified || entry.Property(c => c.SupporterId).IsModified);
            if (wasLive != isLive || (moved && (wasLive || isLive)))
            {
                gifts.Add(entry.Entity);
                if (entry.State != EntityState.Added)
                {
                    left.Add(entry.Property(c => c.SupporterId).OriginalValue);
                }
            }
        }
        return (gifts, left);
    }

    /// <summary>Recomputes the rows of these supporters (all supporters when null) from their live contributions.</summary>
    public static async Task RecomputeAsync(SupportDbContext db, IReadOnlyCollection<long>? supporters, CancellationToken ct)
    {
        var rows = supporters is null ? db.ReportActiveSupporters : db.ReportActiveSupporters.Where(s => supporters.Contains(s.SupporterId));
        await rows.ExecuteDeleteAsync(ct);
        var sqlServer = db.Database.IsSqlServer();
        string Quote(string name) => sqlServer ? $"[{name}]" : $"\"{name}\"";
        var statuses = string.Join(", ", LiveStatuses.Select((_, i) => $"{{{i}}}"));
        var only = supporters is null ? "" : $" AND {Quote("SupporterId")} IN ({string.Join(", ", supporters.Select((_, i) => $"{{{i + LiveStatuses.Length}}}"))})";
        var sql = $"INSERT INTO {Quote("ReportActiveSupporters")} ({Quote("Currency")}, {Quote("SupporterId")}) "
            + $"SELECT DISTINCT {Quote("Currency")}, {Quote("SupporterId")} FROM {Quote("Contributions")} WHERE {Quote("Status")} IN ({statuses}){only}";
        object[] parameters = [.. LiveStatuses, .. (supporters ?? []).Cast<object>()];
        await db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
    }
}
