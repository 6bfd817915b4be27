using System.Data.Common;

namespace Support.Web.Commands;

/// <summary>
/// For a bulk load into SQLite: drops the secondary indexes of the given tables inside the load's transaction and
/// builds them again before it commits. One sort per index is much cheaper than keeping a dozen B-trees in order row
/// by row, most of them keyed by random-looking Stripe ids. A failure rolls the whole transaction back, indexes included.
/// </summary>
public sealed class DeferredSqliteIndexes
{
    private readonly List<string> _definitions;

    private DeferredSqliteIndexes(List<string> definitions) => _definitions = definitions;

    public int Count => _definitions.Count;

    public static async Task<DeferredSqliteIndexes> DropAsync(DbTransaction transaction, IEnumerable<string> tables, CancellationToken ct)
    {
        var connection = transaction.Connection!;
        var indexes = new List<(string Name, string Sql)>();
        await using (var list = connection.CreateCommand())
        {
            list.Transaction = transaction;
            var names = tables.ToList();
            list.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", names.Select((_, i) => "@t" + i))})";
            for (var i = 0; i < names.Count; i++)
            {
                var parameter = list.CreateParameter();
                (parameter.ParameterName, parameter.Value) = ("@t" + i, names[i]);
                list.Parameters.Add(parameter);
            }
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(transaction, $"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", ct);
        }
        return new DeferredSqliteIndexes(indexes.Select(i => i.Sql).ToList());
    }

    public async Task RebuildAsync(DbTransaction transaction, CancellationToken ct)
    {
        foreach (var definition in _definitions)
        {
            await ExecuteAsync(transaction, definition, ct);
        }
    }

    private static async Task ExecuteAsync(DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
