using System.Diagnostics;
using System.Net;
using System.Text;

namespace Support.Benchmarks.Load;

/// <summary>
/// The .NET load generator (used when wrk is absent, and for the webhook replay, whose requests are all
/// different): concurrent loops over one <see cref="HttpClient"/>, latencies sorted for percentiles.
/// It runs in the benchmark's process, a different process from the service.
/// </summary>
public sealed class HttpLoad : ILoadGenerator, IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        MaxConnectionsPerServer = 256,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    { Timeout = TimeSpan.FromSeconds(60) };

    public string Name => ".NET HttpClient";

    public async Task<LoadResult> RunAsync(LoadRequest request, int connections, TimeSpan duration)
    {
        var body = request.Body is null ? null : Encoding.UTF8.GetBytes(request.Body);
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return await RunLoopsAsync(connections, _ => Stopwatch.GetTimestamp() < deadline ? Build(request, body) : null);
    }

    /// <summary>Sends each request of the list once, <paramref name="connections"/> at a time.</summary>
    public Task<LoadResult> SendAllAsync(IReadOnlyList<Func<HttpRequestMessage>> requests, int connections)
    {
        var next = -1;
        return RunLoopsAsync(connections, _ =>
        {
            var index = Interlocked.Increment(ref next);
            return index < requests.Count ? requests[index]() : null;
        });
    }

    private async Task<LoadResult> RunLoopsAsync(int connections, Func<int, HttpRequestMessage?> nextRequest)
    {
        var samples = new List<double>[connections];
        long errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(loop => Task.Run(async () =>
        {
            var mine = samples[loop] = new List<double>(4096);
            while (nextRequest(loop) is { } message)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await _client.SendAsync(message);
                    await response.Content.CopyToAsync(Stream.Null);
                    if ((int)response.StatusCode >= 400)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                finally
                {
                    message.Dispose();
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        clock.Stop();
        var all = samples.SelectMany(s => s).ToList();
        all.Sort();
        return new LoadResult(all.Count, errors, clock.Elapsed.TotalSeconds,
            LoadResult.Percentile(all, 50), LoadResult.Percentile(all, 99));
    }

    private static HttpRequestMessage Build(LoadRequest request, byte[]? body)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url) { Version = HttpVersion.Version11 };
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }
        return message;
    }

    public void Dispose() => _client.Dispose();
}
