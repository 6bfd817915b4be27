using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Articles;
using Support.Web.Shared;

namespace Support.Web.Embed;

/// <summary>
/// Registers a page of an allowed publisher site as an article the first time it asks for the prompt: an Articles
/// row under its key (<see cref="EmbedPages.Key"/>) with its title and origin, so staff can choose it for an
/// experiment and the row says where it lives. Counting needs no row (counters are keyed the same way). Each page is
/// looked up once per process; since anyone can name any path of an allowed site, at most
/// <c>Embed:NewPagesPerHour</c> rows are added an hour, and a page over that is registered on a later view.
/// </summary>
public sealed class EmbeddedArticles(
    IServiceScopeFactory scopes, IOptions<EmbedOptions> options, TimeProvider time, ILogger<EmbeddedArticles> logger)
{
    public const int TitleLength = 500;
    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);
    private readonly Lock _budget = new();
    private DateTimeOffset _hourStart;
    private int _addedThisHour;

    public async Task SeenAsync(Uri page, string? title, CancellationToken ct)
    {
        var key = EmbedPages.Key(page);
        if (_known.ContainsKey(key))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        try
        {
            if (!await db.Articles.AnyAsync(a => a.Slug == key, ct))
            {
                if (!TakeFromBudget())
                {
                    return;
                }
                var now = time.GetUtcNow().UtcDateTime;
                var origin = page.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
                db.Articles.Add(new Article
                {
                    Slug = key, Title = TitleOf(title, key), ContentHash = "", Origin = origin, PublishedAt = now, UpdatedAt = now,
                });
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Registered the embedded page {Page} of {Origin}", key, origin);
            }
        }
        catch (DbUpdateException)
        {
            // A parallel view (or another instance) registered it first: the unique slug decided.
        }
        catch (DbException e)
        {
            // The prompt does not depend on the database; the page is registered on a later view.
            logger.LogWarning(e, "Could not register the embedded page {Page}", key);
            return;
        }
        _known.TryAdd(key, 0);
    }

    /// <summary>The page's title as the script read it (its data-title or document.title), one line; the key when empty.</summary>
    public static string TitleOf(string? title, string key)
    {
        var line = string.Join(' ', (title ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length == 0 ? key : Text.Cut(line, TitleLength)!;
    }

    private bool TakeFromBudget()
    {
        lock (_budget)
        {
            var now = time.GetUtcNow();
            if (now - _hourStart >= TimeSpan.FromHours(1))
            {
                _hourStart = now;
                _addedThisHour = 0;
            }
            if (_addedThisHour >= options.Value.NewPagesPerHour)
            {
                return false;
            }
            _addedThisHour++;
            return true;
        }
    }
}
