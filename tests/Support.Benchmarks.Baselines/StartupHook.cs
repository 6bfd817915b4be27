using System.Runtime.Loader;

/// <summary>
/// .NET startup hook (<c>DOTNET_STARTUP_HOOKS=/path/Support.Benchmarks.Baselines.dll</c>): the service's deps.json
/// does not list this assembly, so ASP.NET Core's <c>Assembly.Load</c> of the hosting startup would fail. The hook
/// runs before <c>Main</c> and resolves the assembly from the folder it was loaded from.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var self = typeof(StartupHook).Assembly;
        AssemblyLoadContext.Default.Resolving += (_, name) =>
            name.Name == self.GetName().Name ? self : null;
    }
}
