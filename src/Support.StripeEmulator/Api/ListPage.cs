using System.Text.Json.Nodes;
using Support.StripeEmulator.Json;

namespace Support.StripeEmulator.Api;

/// <summary>
/// Stripe's list contract: newest first, <c>limit</c> (1–100, default 10), cursors <c>starting_after</c> (older
/// than that object) and <c>ending_before</c> (newer, the ones closest to it), <c>created</c> as a Unix time or a
/// <c>gt</c>/<c>gte</c>/<c>lt</c>/<c>lte</c> range, and <c>has_more</c> when the direction goes on.
/// </summary>
internal static class ListPage
{
    /// <summary>
    /// One page of <c>newestFirst</c> (every object of the list before filters, newest first; cursors are found
    /// there) after the <c>created</c> range and the endpoint's own filters (<c>keep</c>).
    /// </summary>
    public static JsonObject Render<T>(FormParams form, string url, string kind, IReadOnlyList<T> newestFirst,
        Func<T, string> id, Func<T, DateTimeOffset> created, Func<T, bool> keep, Func<T, JsonNode> render)
    {
        var limit = form.Long("limit") ?? 10;
        if (limit is < 1 or > 100)
        {
            throw StripeEmulatorException.Invalid($"This value must be between 1 and 100 (it currently is {limit}).", "limit");
        }
        var startingAfter = form.Get("starting_after");
        var endingBefore = form.Get("ending_before");
        if (startingAfter is not null && endingBefore is not null)
        {
            throw StripeEmulatorException.Exclusive("ending_before", "starting_after");
        }
        var range = CreatedRange.Read(form, "created");
        var matching = newestFirst.Select((item, position) => (item, position))
            .Where(entry => range.Contains(created(entry.item)) && keep(entry.item));

        List<T> page;
        bool hasMore;
        if (endingBefore is not null)
        {
            var cursor = Position(newestFirst, id, endingBefore, kind, "ending_before");
            var newer = matching.Where(entry => entry.position < cursor).Select(entry => entry.item).ToList();
            page = newer.Skip(Math.Max(0, newer.Count - (int)limit)).ToList();
            hasMore = newer.Count > page.Count;
        }
        else
        {
            var cursor = startingAfter is null ? -1 : Position(newestFirst, id, startingAfter, kind, "starting_after");
            var older = matching.Where(entry => entry.position > cursor).Select(entry => entry.item).Take((int)limit + 1).ToList();
            hasMore = older.Count > limit;
            page = older.Take((int)limit).ToList();
        }
        var list = StripeJson.List(page.Select(render), url);
        list["has_more"] = hasMore;
        return list;
    }

    private static int Position<T>(IReadOnlyList<T> items, Func<T, string> id, string cursor, string kind, string param)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (id(items[i]) == cursor)
            {
                return i;
            }
        }
        throw StripeEmulatorException.Missing(kind, cursor, param);
    }
}

/// <summary>A <c>created</c> filter: <c>created=t</c> or <c>created[gt|gte|lt|lte]=t</c>, Unix seconds.</summary>
internal sealed record CreatedRange(long? Exactly, long? Gt, long? Gte, long? Lt, long? Lte)
{
    public static readonly CreatedRange None = new(null, null, null, null, null);

    public static CreatedRange Read(FormParams form, string name) => new(
        form.Long(name), form.Long($"{name}[gt]"), form.Long($"{name}[gte]"), form.Long($"{name}[lt]"), form.Long($"{name}[lte]"));

    public bool Contains(DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds();
        return (Exactly is null || t == Exactly) && (Gt is null || t > Gt) && (Gte is null || t >= Gte)
            && (Lt is null || t < Lt) && (Lte is null || t <= Lte);
    }
}
