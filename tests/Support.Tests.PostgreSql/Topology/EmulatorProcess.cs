using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Stripe;

namespace Support.Tests.Topology;

/// <summary>
/// The offline Stripe emulator as its own process (<c>dotnet Support.StripeEmulator.dll</c>, what
/// <c>dotnet run --project src/Support.StripeEmulator</c> runs), so its state outlives the instances it serves.
/// It delivers its webhooks to the proxy, several at once and out of order.
/// </summary>
public sealed class EmulatorProcess : IDisposable
{
    private const string Banner = "Stripe:ApiBase for Support: ";
    public const string ApiKey = "sk_test_topology";

    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(120) };

    /// <summary>What the instances' <c>Stripe:ApiBase</c> is set to.</summary>
    public string ApiBase { get; }

    /// <summary>A Stripe.net client on the emulator, to read its lists as a reconciliation would.</summary>
    public StripeClient Stripe { get; }

    private EmulatorProcess(Process process, string apiBase)
    {
        (_process, ApiBase) = (process, apiBase);
        Stripe = new StripeClient(new StripeClientOptions
        {
            ApiKey = ApiKey,
            ApiBase = apiBase,
            HttpClient = new SystemNetHttpClient(_http, maxNetworkRetries: 0, enableTelemetry: false),
        });
    }

    public static async Task<EmulatorProcess> StartAsync(Uri webhookUrl, string webhookSecret)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] arguments =
        [
            Path.Combine(AppContext.BaseDirectory, "Support.StripeEmulator.dll"), "--urls", "http://127.0.0.1:0",
            "--webhook-url", webhookUrl.ToString(), "--webhook-secret", webhookSecret, "--concurrency", "6", "--shuffle-window", "12",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start the emulator.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(Banner, StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return new EmulatorProcess(process, line[(line.IndexOf(Banner, StringComparison.Ordinal) + Banner.Length)..].Split(' ')[0]);
            }
        }
        throw new InvalidOperationException($"The emulator exited ({process.ExitCode}) before it listened.");
    }

    public Task PauseDeliveriesAsync() => PostAsync("/control/webhooks/pause");

    public Task ResumeDeliveriesAsync() => PostAsync("/control/webhooks/resume");

    /// <summary>Renews the subscription now (one invoice, paid with its card, and its events).</summary>
    public Task AdvanceAsync(string subscriptionId) => PostAsync($"/control/subscriptions/{subscriptionId}/advance");

    /// <summary>The delivery log's counts: pending, delivered, failed, dropped.</summary>
    public async Task<(int Pending, int Delivered, int Failed)> DeliveryCountsAsync()
    {
        var state = (await _http.GetFromJsonAsync<JsonObject>(ApiBase + "/control/webhooks?event=none"))!;
        return ((int)state["pending"]!, (int)state["delivered"]!, (int)state["failed"]!);
    }

    /// <summary>Until no delivery is pending (each was answered 2xx or given up after its retries).</summary>
    public async Task WaitForDeliveriesAsync()
    {
        using var answer = await _http.GetAsync(ApiBase + "/control/webhooks/wait?timeout=100");
        Assert.True(answer.IsSuccessStatusCode, "Deliveries still pending after 100 s: " + await answer.Content.ReadAsStringAsync());
    }

    private async Task PostAsync(string path)
    {
        using var answer = await _http.PostAsync(ApiBase + path, null);
        Assert.True(answer.IsSuccessStatusCode, $"POST {path}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        _http.Dispose();
    }
}
