using System.Runtime.InteropServices;

namespace Support.Web.Hosting;

/// <summary>
/// glibc's malloc gives each new thread an arena of its own, up to eight per core; what the runtime, the JIT and
/// SQLite allocate natively then lies scattered over them, and each arena keeps its freed pages. Two arenas held the
/// service's peak working set about 28 MB lower, with no change in throughput visible in the benchmark
/// (docs/performance.md, memory).
/// </summary>
internal static class NativeHeap
{
    public const int Arenas = 2;

    /// <summary>
    /// Call first thing in <c>Main</c>, before the thread pool starts threads. An operator's own
    /// <c>MALLOC_ARENA_MAX</c> wins; elsewhere than glibc on Linux this does nothing.
    /// </summary>
    public static bool LimitArenas()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            return false;
        }
        try
        {
            return mallopt(ArenaMaxOption, Arenas) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // musl and other C libraries without glibc's option
        }
    }

    private const int ArenaMaxOption = -8; // M_ARENA_MAX in glibc's malloc.h

    [DllImport("libc", ExactSpelling = true)]
    private static extern int mallopt(int param, int value);
}
