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
        // Stored as the model stores them (an enum as its name).
        object?[] parameters = [.. keys.Select((k, i) => k.GetTypeMapping().Converter?.ConvertToProvider(values[i]) ?? values[i]), delta];
        await db.Database.ExecuteSqlRawAsync(UpsertSql(db.Database.IsSqlServer(), entity, keys, counter.CountProperty), parameters!, ct);
    }

    /// <summary>The upsert of one row: the key's values are parameters {0}…{n-1}, the delta {n}.</summary>
    internal static string UpsertSql(bool sqlServer, IEntityType entity, IReadOnlyList<IProperty> keys, string countProperty)
    {
        string Quote(string name) => sqlServer ? $"[{name}]" : $"\"{name}\"";
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var table = Quote(entity.GetTableName()!);
        var columns = keys.Select(k => Quote(k.GetColumnName(store)!)).ToList();
        var count = Quote(entity.FindProperty(countProperty)!.GetColumnName(store)!);
        var values = string.Join(", ", keys.Select((_, i) => $"{{{i}}}"));
        var delta = $"{{{keys.Count}}}";
        var list = string.Join(", ", columns);
        return sqlServer
            ? $"MERGE {table} WITH (HOLDLOCK) AS t USING (VALUES ({values})) AS s ({list}) "
                + $"ON {string.Join(" AND ", columns.Select(c => $"t.{c} = s.{c}"))} "
                + $"WHEN MATCHED THEN UPDATE SET {count} = t.{count} + {delta} "
                + $"WHEN NOT MATCHED THEN INSERT ({list}, {count}) VALUES ({string.Join(", ", columns.Select(c => $"s.{c}"))}, {delta});"
            : $"INSERT INTO {table} ({list}, {count}) VALUES ({values}, {delta}) "
                + $"ON CONFLICT ({list}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}";
    }
}
