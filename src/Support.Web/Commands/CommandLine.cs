namespace Support.Web.Commands;

/// <summary>
/// Administrative commands run instead of the web server: <c>staff add &lt;email&gt; --role Admin</c> and
/// <c>demo seed --supporters N</c>, <c>reconcile [--since date]</c>. They use the app's own services (database, Identity) and exit.
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        Commands:
          staff add <email> [--role Staff|Admin]   create a staff account; the password is read from standard input
          demo seed [--supporters N]                fill an empty database with a realistic demo history (default 1000)
          reports rebuild                           recompute the month totals reports read from the ledger
          reconcile [--since yyyy-MM-dd]            apply the Stripe events webhooks missed (since the last run, or the date)
        """;

    /// <summary>True when the arguments named a command (it has run and set the exit code): do not start the server.</summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] is not ("staff" or "demo" or "reconcile" or "reports"))
        {
            return false;
        }
        Environment.ExitCode = await RunAsync(app.Services, args, Console.In, Console.Out, app.Lifetime.ApplicationStopping);
        return true;
    }

    /// <summary>Runs one command; <paramref name="input"/> supplies passwords. Returns the process exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        switch (args)
        {
            case ["staff", "add", var email, .. var rest] when !email.StartsWith('-'):
                return await StaffAddCommand.RunAsync(provider, email, Option(rest, "--role") ?? "Staff", input, output);
            case ["demo", "seed", .. var rest]:
                var count = Option(rest, "--supporters") ?? "1000";
                if (!int.TryParse(count, out var supporters) || supporters is < 1 or > 1_000_000)
                {
                    await output.WriteLineAsync($"--supporters must be a whole number from 1 to 1000000 (got '{count}').");
                    return 2;
                }
                return await DemoSeedCommand.RunAsync(provider, supporters, output, ct);
            case ["reports", "rebuild"]:
                var months = await Support.Web.Reports.MonthTotalsRebuild.RunAsync(provider.GetRequiredService<Support.Data.SupportDbContext>(), ct);
                await output.WriteLineAsync($"Rebuilt the month totals: {months} month(s) with figures.");
                return 0;
            case ["reconcile", .. var rest] when rest.Length == 0 || rest is ["--since", _]:
                var (since, error) = ReconcileCommand.ParseSince(Option(rest, "--since"));
                if (error is not null)
                {
                    await output.WriteLineAsync(error);
                    return 2;
                }
                return await ReconcileCommand.RunAsync(provider, since, output, ct);
            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
