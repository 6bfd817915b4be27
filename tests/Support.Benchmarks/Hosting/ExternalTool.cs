using System.Diagnostics;

namespace Support.Benchmarks.Hosting;

/// <summary>
/// A program from a Debian package that a baseline runs (nginx, smtp-sink, smtp-source, wrk), found on the
/// <c>PATH</c> (and in <c>/usr/sbin</c>, where Debian puts nginx and Postfix's tools). The benchmark installs
/// nothing: <c>.ci/run</c> and the README do; a scenario whose tool is missing is skipped with the install command.
/// </summary>
public sealed record ExternalTool(string Name, string Path, string Version)
{
    /// <summary>Debian packages of the tools, for the "not measured" line.</summary>
    public static string InstallHint(string package) => $"install Debian's {package}: apt-get install -y {package}";

    /// <summary>
    /// Finds <paramref name="name"/>; its version is the first line <paramref name="versionArgs"/> print (of
    /// <paramref name="versionProgram"/> when the tool itself has no version flag, e.g. Postfix's postconf).
    /// </summary>
    public static ExternalTool? Find(string name, string[] versionArgs, string? versionProgram = null)
    {
        var path = Locate(name);
        if (path is null)
        {
            return null;
        }
        var versionPath = versionProgram is null ? path : Locate(versionProgram);
        var version = versionPath is null ? "unknown" : FirstLine(versionPath, versionArgs) ?? "unknown";
        // postconf says "mail_version = 3.7.11"; the tools belong to Postfix.
        return new ExternalTool(name, path, version.Replace("mail_version = ", "Postfix ", StringComparison.Ordinal));
    }

    /// <summary>"nginx (nginx version: nginx/1.22.1)", for lines and the JSON.</summary>
    public override string ToString() => $"{Name} ({Version})";

    private static string? Locate(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin").Append("/usr/bin")
            .Select(dir => System.IO.Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static string? FirstLine(string path, string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            // Some print their version on stderr (nginx -v), some on stdout.
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit(5000);
            var text = output.Result.Length > 0 ? output.Result : error.Result;
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
