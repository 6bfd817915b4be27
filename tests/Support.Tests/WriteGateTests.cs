using Support.Web.Data;

namespace Support.Tests;

public sealed class WriteGateTests
{
    [Fact]
    public async Task Sqlite_gate_lets_the_next_writer_in_only_when_the_first_passes_its_turn()
    {
        var gate = new WriteGate(serialize: true);
        var first = await gate.EnterAsync(CancellationToken.None);

        var second = gate.EnterAsync(CancellationToken.None).AsTask();

        Assert.False(second.IsCompleted);
        Assert.Equal(1, gate.Waiting);
        first.Dispose();
        using var turn = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task A_writer_that_gives_up_waiting_does_not_take_a_turn()
    {
        var gate = new WriteGate(serialize: true);
        var first = await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var abandoned = gate.EnterAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        first.Dispose();
        using var next = await gate.EnterAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Server_database_gate_lets_writers_in_together()
    {
        var gate = new WriteGate(serialize: false);

        using var first = await gate.EnterAsync(CancellationToken.None);
        var second = gate.EnterAsync(CancellationToken.None);

        Assert.True(second.IsCompleted);
        Assert.Equal(0, gate.Waiting);
    }
}
