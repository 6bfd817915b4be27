using Support.Web.Hosting;

namespace Support.Tests.Hosting;

/// <summary>The malloc arena limit reaches glibc (its effect on the working set is measured by the benchmark).</summary>
public sealed class NativeHeapTests
{
    [Fact]
    public void Arena_limit_is_accepted_by_glibc_on_linux_unless_the_operator_set_one()
    {
        var expected = OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null
            && !File.Exists("/lib/ld-musl-x86_64.so.1");
        Assert.Equal(expected, NativeHeap.LimitArenas());
    }
}
