using System.Diagnostics;
using Support.Benchmarks;
using Support.Benchmarks.Hosting;
using Support.Benchmarks.Load;
using Support.Benchmarks.Scenarios;

// Benchmarks for issues 7 and 14: each scenario against a baseline measured in the same run, on the Release build of
// the service (docs/performance.md); nginx, Postfix's smtp-sink/smtp-source and wrk are used when installed, and a
// scenario whose tool is missing is skipped. Options are in BenchArguments (`--smoke`, `--only name[,name]`,
// `--service-setting Key:Sub=Value` for every service instance, …). Exits non-zero only when something breaks.
if (args.FirstOrDefault() == Support.Benchmarks.Scenarios.Checkout.StripeLoop.Command)
{
    // The checkout baseline's own process (CheckoutScenario starts it).
    return await Support.Benchmarks.Scenarios.Checkout.StripeLoop.MainAsync(args);
}
var arguments = BenchArguments.Parse(args);
var settings = (arguments.Smoke ? BenchSettings.SmokeSizes : BenchSettings.Full).WithArguments(args);
var paths = RepositoryPaths.Find(arguments.ServiceDirectory);
var log = Console.Error;
var clock = Stopwatch.StartNew();
var machine = MachineInfo.Read();

if (!arguments.NoBuild)
{
    log.WriteLine("Building the service and the baselines in Release …");
    await Commands.BuildReleaseAsync(paths);
}
log.WriteLine($"Built in {clock.Elapsed.TotalSeconds:0} s; starting the service …");
var measuring = Stopwatch.StartNew();
bool Runs(string name) => arguments.Runs(name);

var results = new List<ScenarioResult>();
using var http = new HttpLoad();
ILoadGenerator load = !arguments.NoWrk && WrkLoad.Find() is { } wrk ? wrk : http;
log.WriteLine($"Load generator: {load.Name}");
// The service runs in Production, as deployed, unless the emulator must be mapped into it (Development only). Its
// supporter emails go to an smtp-sink of their own when Postfix's tools are installed (else to a closed port: the
// jobs fail and retry, as with a relay that is down).
await using var emailSink = ExternalTool.Find("smtp-sink", ["-d", "mail_version"], versionProgram: "postconf") is { } smtpSink
    && !arguments.EmulatorInService ? await Support.Benchmarks.Scenarios.Reminders.PostfixSink.StartAsync(smtpSink) : null;
IReadOnlyList<string> serviceSettings = arguments.EmulatorInService
    ? arguments.ServiceSettings
    : [.. ServiceHost.ProductionSettings(emailSink?.Port ?? 1), .. arguments.ServiceSettings];
log.WriteLine($"Service environment: {(arguments.EmulatorInService ? "Development" : "Production")}");
var peaks = new List<(string, double, MemorySample?)>();
// The emulator runs here, out of the service's process, unless `--emulator-in-service` asks for the old set-up
// (the service mapping it at /stripe-emulator and serving both ends of every Stripe call).
var servicePort = ServiceHost.FreePort();
await using var emulator = arguments.EmulatorInService
    ? null
    : await EmulatorHost.StartAsync(new Uri($"http://127.0.0.1:{servicePort}/"), ServiceHost.WebhookSecret);
log.WriteLine(emulator is null ? "Stripe emulator: in the service" : $"Stripe emulator: {emulator.ApiBase} (benchmark process)");
IReadOnlyList<string> sharedServiceSettings = emulator is null ? serviceSettings : [.. serviceSettings, $"Stripe:ApiBase={emulator.ApiBase}"];
await using (var service = await ServiceHost.StartAsync(paths, log, sharedServiceSettings, port: servicePort))
{
    using var bench = new BenchContext(service, load, http, settings,
        emulator?.ApiBase ?? new Uri(service.BaseAddress, EmulatorHost.PathPrefix));

    service.ResetPeakMemory();
    if (Runs("article-page"))
    {
        await using var sampler = MemorySampler.Start(service, bench.Client);
        results.Add(await Guard("article-page", () => ArticlePageScenario.RunAsync(bench)));
        await sampler.DisposeAsync();
        peaks.AddRange(service.PeakMemoryMb() is { } articlePeak ? [("article-page", articlePeak, sampler.Peak)] : []);
    }
    // After article-page: the experiment stays running for the rest of this service's scenarios.
    if (Runs(ArticlePageScenario.WithExperiment))
    {
        results.Add(await Guard(ArticlePageScenario.WithExperiment, async () =>
        {
            await Support.Benchmarks.Scenarios.Articles.RunningExperiment.StartAsync(bench);
            return await ArticlePageScenario.RunAsync(bench, ArticlePageScenario.WithExperiment);
        }));
    }
    if (Runs("checkout-creation"))
    {
        results.Add(await Guard("checkout-creation", () => CheckoutScenario.RunAsync(bench)));
    }
    if (Runs("webhook-ingestion"))
    {
        await using var sampler = MemorySampler.Start(service, bench.Client);
        results.Add(await Guard("webhook-ingestion", async () =>
        {
            var (result, peak) = await WebhookScenario.RunAsync(bench, log);
            await sampler.DisposeAsync();
            peaks.AddRange(peak is { } p ? [("webhook-ingestion", p, sampler.Peak)] : []);
            return result;
        }));
    }
}
// Its own service instances: the reminders are seeded while the service is stopped.
if (Runs("reminder-dispatch"))
{
    results.Add(await Guard("reminder-dispatch", () => ReminderScenario.RunAsync(paths, settings, serviceSettings, log)));
}
if (Runs("reports"))
{
    results.Add(await Guard("reports", () => ReportsScenario.RunAsync(paths, settings, serviceSettings, log)));
}
// `--database postgresql`: the database-bound scenarios once more, on a cluster of the run's own, each against its
// baseline on that database (the SQLite figures above stay the reference).
if (arguments.PostgreSql && (Runs("webhook-ingestion") || Runs("reports")) && !arguments.EmulatorInService)
{
    await using var postgres = await BenchDatabase.StartPostgreSqlAsync(paths, log);
    if (Runs("webhook-ingestion"))
    {
        results.Add(await Guard("webhook-ingestion-postgresql", () => WebhookOnAsync(postgres)));
    }
    if (Runs("reports"))
    {
        results.Add(await Guard("reports-postgresql", () => ReportsScenario.RunAsync(paths, settings, serviceSettings, log, postgres)));
    }
}
if (Runs("memory"))
{
    results.Add(MemoryResult.From(peaks));
}

var measuredSeconds = measuring.Elapsed.TotalSeconds;
Console.WriteLine();
foreach (var result in results)
{
    Console.WriteLine(result.Line());
}
var output = arguments.Output ?? Path.Combine(paths.Root, "artifacts", "benchmarks", $"benchmark-{DateTime.UtcNow:yyyyMMdd-HHmmss}{(settings.Smoke ? "-smoke" : "")}.json");
await ResultsFile.WriteAsync(output, settings, load.Name, machine, MachineInfo.Read(), measuredSeconds, clock.Elapsed.TotalSeconds, results);
Console.WriteLine($"Results: {output} (measured in {measuredSeconds:0} s, {clock.Elapsed.TotalSeconds:0} s with the build; load average {machine.LoadAverage} at start)");

var broken = results.Where(r => r.Problems.Count > 0).ToList();
if (broken.Count > 0)
{
    log.WriteLine($"Broken: {string.Join(", ", broken.Select(r => r.Name))}");
    return 1;
}
return 0;

// A service of its own on the database, with an emulator of its own delivering to it.
async Task<ScenarioResult> WebhookOnAsync(BenchDatabase database)
{
    var port = ServiceHost.FreePort();
    var root = ServiceHost.NewRoot();
    await using var ownEmulator = await EmulatorHost.StartAsync(new Uri($"http://127.0.0.1:{port}/"), ServiceHost.WebhookSecret);
    IReadOnlyList<string> onDatabase = [.. serviceSettings, $"Stripe:ApiBase={ownEmulator.ApiBase}", .. database.Settings(Path.Combine(root, "data"))];
    await using var service = await ServiceHost.StartAsync(paths, log, onDatabase, root, port: port);
    using var bench = new BenchContext(service, load, http, settings, ownEmulator.ApiBase, database);
    return (await WebhookScenario.RunAsync(bench, log)).Result;
}

async Task<ScenarioResult> Guard(string name, Func<Task<ScenarioResult>> run)
{
    log.WriteLine($"{name} …");
    try
    {
        return await run();
    }
    catch (Exception e)
    {
        log.WriteLine(e);
        return new ScenarioResult { Name = name, Measured = false, Reason = "failed: " + e.Message, Problems = [e.Message] };
    }
}
