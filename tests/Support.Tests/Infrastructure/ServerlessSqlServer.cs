using System.Collections;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Support.Data;

namespace Support.Tests.Infrastructure;

/// <summary>
/// A SQL Server <see cref="SupportDbContext"/> that never reaches a server (none can run here): opening the connection
/// is suppressed and every command is recorded and answered with one row of zeros. Queries still go through the SQL
/// Server provider's translation and SQL generation, so a LINQ query it cannot translate throws as it would in production.
/// </summary>
public sealed class ServerlessSqlServer : IDisposable
{
    private readonly Recorder _recorder = new();

    public ServerlessSqlServer()
    {
        Context = new SupportDbContext(new DbContextOptionsBuilder<SupportDbContext>()
            .UseSqlServer("Server=(never-connected);Database=Support;Trusted_Connection=True")
            .AddInterceptors(_recorder, new NeverOpen())
            .Options);
    }

    public SupportDbContext Context { get; }

    public IReadOnlyList<string> Commands => _recorder.Commands;

    public void Dispose() => Context.Dispose();

    private sealed class NeverOpen : DbConnectionInterceptor
    {
        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            ValueTask.FromResult(InterceptionResult.Suppress());
    }

    private sealed class Recorder : DbCommandInterceptor
    {
        public List<string> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(new OneRowOfZeros()));
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Commands.Add(command.CommandText);
            return InterceptionResult<DbDataReader>.SuppressWithResult(new OneRowOfZeros());
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(0));
        }
    }

    /// <summary>One row in which every column is zero, false or the empty string.</summary>
    private sealed class OneRowOfZeros : DbDataReader
    {
        private bool _read;

        public override bool Read() => !_read && (_read = true);
        public override Task<bool> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Read());
        public override bool NextResult() => false;
        public override int FieldCount => 32;
        public override bool HasRows => true;
        public override bool IsClosed => false;
        public override int RecordsAffected => 0;
        public override int Depth => 0;
        public override object this[int ordinal] => 0;
        public override object this[string name] => 0;
        public override bool IsDBNull(int ordinal) => false;
        public override T GetFieldValue<T>(int ordinal) => typeof(T) == typeof(string) ? (T)(object)"" : default!;
        public override bool GetBoolean(int ordinal) => false;
        public override byte GetByte(int ordinal) => 0;
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => 0;
        public override char GetChar(int ordinal) => '0';
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => 0;
        public override string GetDataTypeName(int ordinal) => "int";
        public override DateTime GetDateTime(int ordinal) => DateTime.UnixEpoch;
        public override decimal GetDecimal(int ordinal) => 0;
        public override double GetDouble(int ordinal) => 0;
        public override Type GetFieldType(int ordinal) => typeof(int);
        public override float GetFloat(int ordinal) => 0;
        public override Guid GetGuid(int ordinal) => Guid.Empty;
        public override short GetInt16(int ordinal) => 0;
        public override int GetInt32(int ordinal) => 0;
        public override long GetInt64(int ordinal) => 0;
        public override string GetName(int ordinal) => "c" + ordinal;
        public override int GetOrdinal(string name) => 0;
        public override string GetString(int ordinal) => "";
        public override object GetValue(int ordinal) => 0;
        public override int GetValues(object[] values) => 0;
        public override IEnumerator GetEnumerator() => Array.Empty<object>().GetEnumerator();
    }
}
