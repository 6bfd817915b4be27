namespace Support.Benchmarks.Hosting;

/// <summary>Where the repository and the Release build of the service are, found from this program's folder.</summary>
/// <remarks><see cref="WebOutput"/> is the Release build unless <c>--service-directory</c> names another folder (a
/// <c>dotnet publish</c> output, as deployed).</remarks>
public sealed record RepositoryPaths(string Root, string? ServiceDirectory = null)
{
    public string WebProject => Path.Combine(Root, "src", "Support.Web");
    public string WebOutput => ServiceDirectory ?? Path.Combine(WebProject, "bin", "Release", "net10.0");
    public string WebAssembly => Path.Combine(WebOutput, "Support.Web.dll");
    public string BaselinesProject => Path.Combine(Root, "tests", "Support.Benchmarks.Baselines");
    public string BaselinesAssembly =>
        Path.Combine(BaselinesProject, "bin", "Release", "net10.0", "Support.Benchmarks.Baselines.dll");

    public static RepositoryPaths Find(string? serviceDirectory = null)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Support.sln")))
                {
                    return new RepositoryPaths(dir.FullName, serviceDirectory);
                }
            }
        }
        throw new InvalidOperationException("Cannot find Support.sln above this program or the current directory.");
    }
}
