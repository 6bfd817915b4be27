using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Support.Data;

namespace Support.Web.Reports;

/// <summary>One counter row of a table kept beside the ledger: its key, and the row to insert when it is missing.</summary>
public interface IKeptCount
{
    /// <summary>A new row with this key and a zero count.</summary>
    object NewRow();

    /// <summary>The counter's property on the row.</summary>
    string CountProperty { get; }
}

/// <summary>
/// Adds a delta to a counter row of a kept report table (<see cref="Support.Data.Reports.ReportLiveGift"/>,
/// <see cref="Support.Data.Reports.ReportArticleMonth"/>; ADR 0021). Inside a transaction (every Stripe event, every account
/// change) one atomic upsert, so writers at once never lose a count and never race to insert the same new row:
/// <c>INSERT … ON CONFLICT … DO UPDATE</c> on SQLite and PostgreSQL, <c>MERGE … WITH (HOLDLOCK)</c> on SQL Server, written
/// from the model's table and column names. Outside one, the tracked row, saved with the change. Rows that fall to
/// zero stay, so an empty table beside a ledger means "never computed".
/// </summary>
public static class KeptCounts
{
    public static async Task AddAsync(SupportDbContext db, IKeptCount counter, int delta, bool inTransaction, CancellationToken ct)
    {
        var template = counter.NewRow();
        var entity = db.Model.FindEntityType(template.GetType())!;
        var keys = entity.FindPrimaryKey()!.Properties;
        var values = keys.Select(k => k.PropertyInfo!.GetValue(template)).ToArray();
        if (!inTransaction)
        {
            var row = await db.FindAsync(template.GetType(), values, ct);
            if (row is null)
            {
                db.Add(template);
                row = template;
            }
            var count = db.Entry(row).Property(counter.CountProperty);
            count.CurrentValue = (int)count.CurrentValue! + delta;
            return;
        }
        await UpsertAsync(db, template, [(counter.CountProperty, delta)], ct);
    }

    /// <summary>
    /// Adds the deltas to the counters of the row keyed as <paramref name="template"/>, inserting it with them when it is
    /// missing: one atomic statement, so concurrent transactions neither lose an increment nor race to insert the row.
    /// </summary>
    public static Task UpsertAsync(SupportDbContext db, object template, IReadOnlyList<(string Property, object Delta)> counts, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(template.GetType())!;
        var keys = entity.FindPrimaryKey()!.Properties;
        // Stored as the model stores them (an enum as its name).
        object?[] parameters = [.. keys.Select(k => Stored(k, k.PropertyInfo!.GetValue(template))), .. counts.Select(c => c.Delta)];
        return db.Database.ExecuteSqlRawAsync(UpsertSql(db.Database.IsSqlServer(), entity, keys, counts.Select(c => c.Property).ToList()), parameters!, ct);
    }

    private static object? Stored(IProperty key, object? value) => key.GetTypeMapping().Converter?.ConvertToProvider(value) ?? value;

    /// <summary>The upsert of one row: the key's values are parameters {0}…{n-1}, the counters' deltas {n}….</summary>
    internal static string UpsertSql(bool sqlServer, IEntityType entity, IReadOnlyList<IProperty> keys, IReadOnlyList<string> countProperties)
    {
        string Quote(string name) => sqlServer ? $"[{name}]" : $"\"{name}\"";
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var table = Quote(entity.GetTableName()!);
        var columns = keys.Select(k => Quote(k.GetColumnName(store)!)).ToList();
        var counts = countProperties.Select(p => Quote(entity.FindProperty(p)!.GetColumnName(store)!)).ToList();
        var values = string.Join(", ", keys.Select((_, i) => $"{{{i}}}"));
        var deltas = counts.Select((_, i) => $"{{{keys.Count + i}}}").ToList();
        var list = string.Join(", ", columns);
        var all = string.Join(", ", columns.Concat(counts));
        return sqlServer
            ? $"MERGE {table} WITH (HOLDLOCK) AS t USING (VALUES ({values})) AS s ({list}) "
                + $"ON {string.Join(" AND ", columns.Select(c => $"t.{c} = s.{c}"))} "
                + $"WHEN MATCHED THEN UPDATE SET {string.Join(", ", counts.Select((c, i) => $"{c} = t.{c} + {deltas[i]}"))} "
                + $"WHEN NOT MATCHED THEN INSERT ({all}) VALUES ({string.Join(", ", columns.Select(c => $"s.{c}").Concat(deltas))});"
            : $"INSERT INTO {table} ({all}) VALUES ({values}, {string.Join(", ", deltas)}) "
                + $"ON CONFLICT ({list}) DO UPDATE SET {string.Join(", ", counts.Select(c => $"{c} = {table}.{c} + excluded.{c}"))}";
    }
}
