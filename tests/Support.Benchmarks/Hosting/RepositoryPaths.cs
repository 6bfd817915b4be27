namespace Support.Benchmarks.Hosting;

/// <summary>Where the repository and the Release build of the service are, found from this program's folder.</summary>
public sealed record RepositoryPaths(string Root)
{
    public string WebProject => Path.Combine(Root, "src", "Support.Web");
    public string WebOutput => Path.Combine(WebProject, "bin", "Release", "net10.0");
    public string WebAssembly => Path.Combine(WebOutput, "Support.Web.dll");
    public string BaselinesProject => Path.Combine(Root, "tests", "Support.Benchmarks.Baselines");
    public string BaselinesAssembly =>
        Path.Combine(BaselinesProject, "bin", "Release", "net10.0", "Support.Benchmarks.Baselines.dll");

    public static RepositoryPaths Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Support.sln")))
                {
                    return new RepositoryPaths(dir.FullName);
                }
            }
        }
        throw new InvalidOperationException("Cannot find Support.sln above this program or the current directory.");
    }
}
