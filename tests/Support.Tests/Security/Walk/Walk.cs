using System.Text.RegularExpressions;

namespace Support.Tests.Security.Walk;

/// <summary>Sends probes as one visitor and judges each answer by the rules of the walk.</summary>
public sealed partial class Walk(WalkAppFactory app, Visitor visitor)
{
    private readonly HttpClient _browser = app.Browser(visitor);

    public int Sent { get; private set; }
    public int RefusedByServer { get; private set; }
    public Dictionary<int, int> ByStatus { get; } = [];
    public List<string> Failures { get; } = [];

    [GeneratedRegex("[A-Za-z]{3,}[ .,:;'’-]+[A-Za-z]{2,}")]
    private static partial Regex Words();

    public async Task SendAsync(Probe probe)
    {
        if (await JudgeAsync(probe) is { } failure && !await ConfirmedAsync(probe, failure))
        {
            return;
        }
    }

    /// <summary>For the generated part: a broken rule fails the sample, so CsCheck shrinks it and prints its seed.</summary>
    public async Task SendOrThrowAsync(Probe probe)
    {
        var before = Failures.Count;
        await SendAsync(probe);
        if (Failures.Count > before)
        {
            throw new InvalidOperationException(Failures[^1]);
        }
    }

    /// <summary>
    /// A write seen after a refusal may be an earlier request's background work: once that work has finished, send
    /// again, and only a second write counts.
    /// </summary>
    private async Task<bool> ConfirmedAsync(Probe probe, string failure)
    {
        if (failure.StartsWith("stored", StringComparison.Ordinal))
        {
            await app.BackgroundWorkDoneAsync();
            if (await JudgeAsync(probe) is null)
            {
                return false;
            }
        }
        Failures.Add($"{visitor} {probe}: {failure}");
        return true;
    }

    private async Task<string?> JudgeAsync(Probe probe)
    {
        HttpResponseMessage answer;
        try
        {
            answer = await _browser.SendAsync(probe.ToRequest());
        }
        catch (HttpRequestException e)
        {
            return $"no answer ({e.Message})";
        }
        using (answer)
        {
            Sent++;
            var status = (int)answer.StatusCode;
            ByStatus[status] = ByStatus.GetValueOrDefault(status) + 1;

            var body = await answer.Content.ReadAsStringAsync();
            var stored = await app.Store.ChangedAsync();
            if (status >= 500)
            {
                return $"{status}: {Excerpt(body)}";
            }
            if (answer.Headers.Location is { } location && !IsOurs(location))
            {
                return $"{status} redirects off the site to {location}";
            }
            if (status < 400)
            {
                return null;
            }
            // Kestrel refuses a malformed request line or an oversized URL before the app runs: a 4xx without a body.
            if (!answer.Headers.Contains("Content-Security-Policy") && body.Length == 0 && status is 400 or 414 or 431)
            {
                RefusedByServer++;
                return null;
            }
            if (probe.Method != "HEAD" && !Words().IsMatch(body))
            {
                return $"{status} without a readable message: '{Excerpt(body)}'";
            }
            return stored ? $"stored something, yet answered {status}: {Excerpt(body)}" : null;
        }
    }

    private bool IsOurs(Uri location) =>
        !location.IsAbsoluteUri
            ? location.OriginalString.StartsWith('/') && !location.OriginalString.StartsWith("//", StringComparison.Ordinal)
                && !location.OriginalString.StartsWith("/\\", StringComparison.Ordinal)
            : location.GetLeftPart(UriPartial.Authority) == app.BaseAddress.GetLeftPart(UriPartial.Authority);

    private static string Excerpt(string body)
    {
        var text = Regex.Replace(body, "<[^>]+>", " ");
        text = Regex.Replace(text, "\\s+", " ").Trim();
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
