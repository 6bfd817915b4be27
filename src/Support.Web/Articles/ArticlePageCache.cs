using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using Support.Web.Prompt;

namespace Support.Web.Articles;

/// <summary>
/// Each article page rendered once per prompt view (none, the quiet link, the prompt in each copy: the publisher's,
/// each experiment variant's, a declared winner's) by the same Razor components, kept as UTF-8 segments around the
/// per-view form token. Keyed by the catalog's <see cref="ArticleContent"/> instance, so articles loaded again (new
/// instances) render afresh and the old pages go with the old instances. The default copy comes from
/// <see cref="IOptions{TOptions}"/>, fixed for the process's lifetime; a variant's copy never changes after creation.
/// </summary>
public sealed class ArticlePageCache(IServiceScopeFactory scopes, ILoggerFactory loggers, IOptions<PromptOptions> prompt)
{
    // Letters, digits and hyphens: the HTML encoder leaves it as is, and no article or copy contains it.
    private readonly string _placeholder = $"form-token-placeholder-{Guid.NewGuid():N}";
    private readonly ConditionalWeakTable<ArticleContent, ConcurrentDictionary<PageKey, Task<ArticlePageTemplate>>> _pages = new();

    private readonly record struct PageKey(PromptShow Show, long CopyId, long VariantId);

    public Task<ArticlePageTemplate> GetAsync(ArticleContent article, PromptView view)
    {
        var pages = _pages.GetValue(article, _ => new ConcurrentDictionary<PageKey, Task<ArticlePageTemplate>>());
        var key = new PageKey(view.Show, view.Copy?.Id ?? 0, view.VariantId ?? 0);
        if (pages.TryGetValue(key, out var current) && current is { IsFaulted: false, IsCanceled: false })
        {
            return current;
        }
        // Two first views may both render; one result is kept. A failed render is tried again next time.
        var fresh = RenderAsync(article, view);
        return current is null
            ? pages.GetOrAdd(key, fresh)
            : pages.TryUpdate(key, fresh, current) ? fresh : pages[key];
    }

    private async Task<ArticlePageTemplate> RenderAsync(ArticleContent article, PromptView view)
    {
        var withPrompt = view.Show == PromptShow.Full;
        var model = withPrompt
            ? new PromptModel(article.Slug, ArticleEndpoints.PathOf(article), view.Copy?.Placement ?? prompt.Value.Placement,
                _placeholder, Copy: view.Copy, VariantId: view.VariantId)
            : null;
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<ArticlePage>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(ArticlePage.Article)] = article,
                [nameof(ArticlePage.Prompt)] = model,
                [nameof(ArticlePage.QuietLink)] = view.Show == PromptShow.Quiet,
            }));
            return output.ToHtmlString();
        });
        return ArticlePageTemplate.From(html, withPrompt ? _placeholder : null);
    }
}
