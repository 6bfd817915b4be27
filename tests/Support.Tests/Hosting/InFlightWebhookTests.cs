using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Stripe;
using Support.Tests.Infrastructure;

namespace Support.Tests.Hosting;

/// <summary>
/// SIGTERM during a webhook: the server stops taking connections but the request in flight is answered, and its
/// change is committed (the background writer outlives the server), so Stripe gets its 200 and does not retry.
/// </summary>
public sealed class InFlightWebhookTests
{
    private sealed class App : SeparateEmulatorApp
    {
        public TaskCompletionSource WebhookStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new SignalWebhookStart(WebhookStarted)));
        }
    }

    /// <summary>Tells the test that a webhook request has reached the app (its body may still be arriving).</summary>
    private sealed class SignalWebhookStart(TaskCompletionSource started) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Path == "/stripe/webhook")
                {
                    started.TrySetResult();
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    [Fact]
    public async Task A_webhook_in_flight_when_the_stop_comes_is_answered_and_recorded()
    {
        using var app = new App();
        using var browser = app.CreateBrowserClient();
        await new ReaderJourney(browser).GiveMonthlyAsync("5", $"inflight-{Guid.NewGuid():N}@example.org");
        var completed = app.SeparateEmulator.Events.First(e => e.Type == "checkout.session.completed");
        var body = Encoding.UTF8.GetBytes(completed.Payload);
        var signature = EventUtility.GenerateSignatureHeader(completed.Payload, SupportAppFactory.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, app.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /stripe/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n"
            + $"Stripe-Signature: {signature}\r\nConnection: close\r\n\r\n"));
        await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
        await app.WebhookStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = app.Services.GetRequiredService<IHost>().StopAsync();
        await Eventually.TrueAsync(() => Task.FromResult(!Accepts(app.BaseAddress.Port)), "the server refuses new connections");
        await stream.WriteAsync(body.AsMemory(body.Length / 2));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await stopping.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.StartsWith("HTTP/1.1 200", response);
        Assert.Contains("applied", response);
        // The stopped host has disposed its services: the next instance on the same database reads the record.
        using var next = new SameDatabaseApp(app.DataDirectory);
        Assert.True(await next.QueryAsync(db => db.ProcessedStripeEvents.AnyAsync(e => e.EventId == completed.Id)));
    }

    private sealed class SameDatabaseApp(string dataDirectory) : SupportAppFactory
    {
        protected override string DatabaseDirectory => dataDirectory;

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Database:DataDirectory", dataDirectory)];
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
