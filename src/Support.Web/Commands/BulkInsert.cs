using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Support.Data;

namespace Support.Web.Commands;

/// <summary>
/// Inserts many rows with one prepared INSERT per table inside the caller's transaction, driven by the EF model
/// (table, columns, type mappings, value converters), so the SQL stays right for SQLite, SQL Server and PostgreSQL.
/// Ids are set by the caller: demo data goes into empty tables only.
/// </summary>
public sealed class BulkInsert<T>(SupportDbContext db, DbTransaction transaction) : IAsyncDisposable where T : class
{
    private readonly List<(DbParameter Parameter, Func<object, object?> Value)> _columns = [];
    private DbCommand? _command;
    private string? _table;

    public async Task AddAsync(T row, CancellationToken ct)
    {
        var command = _command ??= await PrepareAsync(ct);
        foreach (var (parameter, value) in _columns)
        {
            parameter.Value = value(row) ?? DBNull.Value;
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Before the commit. PostgreSQL's identity sequences do not see explicit ids: move each past the loaded rows, so
    /// the next row the service inserts does not collide with them.
    /// </summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        if (_table is null || !db.Database.IsNpgsql() || entity.FindPrimaryKey()!.Properties is not [{ ValueGenerated: not Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never } key])
        {
            return;
        }
        var column = db.GetService<ISqlGenerationHelper>().DelimitIdentifier(key.GetColumnName());
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT setval(pg_get_serial_sequence('{_table}', '{key.GetColumnName()}'), (SELECT MAX({column}) FROM {_table}))";
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<DbCommand> PrepareAsync(CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = _table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().ToList();
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            // The provider's own parameter for the column's type: Npgsql refuses an untyped null.
            var mapping = property.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, "@p" + i, null, property.IsNullable);
            command.Parameters.Add(parameter);
            var getter = property.GetGetter();
            var converter = mapping.Converter;
            _columns.Add((parameter, row => getter.GetClrValue(row) is { } v && converter is not null ? converter.ConvertToProvider(v) : getter.GetClrValue(row)));
        }
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName())));
        var values = string.Join(", ", properties.Select((_, i) => "@p" + i));
        command.CommandText = $"INSERT INTO {table} ({columns}) VALUES ({values})";
        if (db.Database.IsSqlServer() && entity.FindPrimaryKey()!.Properties is [{ ValueGenerated: not Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never }])
        {
            command.CommandText = $"SET IDENTITY_INSERT {table} ON; {command.CommandText}; SET IDENTITY_INSERT {table} OFF;";
        }
        await command.PrepareAsync(ct);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        if (_command is not null)
        {
            await _command.DisposeAsync();
        }
    }
}
