using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using Support.Web.Prompt;

namespace Support.Web.Articles;

/// <summary>
/// Each article page rendered once per variant (prompt shown or not) by the same Razor components, kept as UTF-8
/// segments around the per-view form token. Keyed by the catalog's <see cref="ArticleContent"/> instance, so
/// articles loaded again (new instances) render afresh and the old pages go with the old instances. The prompt's
/// copy and placement come from <see cref="IOptions{TOptions}"/>, fixed for the process's lifetime.
/// </summary>
public sealed class ArticlePageCache(IServiceScopeFactory scopes, ILoggerFactory loggers, IOptions<PromptOptions> prompt)
{
    // Letters, digits and hyphens: the HTML encoder leaves it as is, and no article or copy contains it.
    private readonly string _placeholder = $"form-token-placeholder-{Guid.NewGuid():N}";
    private readonly ConditionalWeakTable<ArticleContent, Task<ArticlePageTemplate>?[]> _pages = new();

    public Task<ArticlePageTemplate> GetAsync(ArticleContent article, bool withPrompt)
    {
        var variants = _pages.GetValue(article, _ => new Task<ArticlePageTemplate>?[2]);
        ref var slot = ref variants[withPrompt ? 1 : 0];
        var current = Volatile.Read(ref slot);
        if (current is { IsFaulted: false, IsCanceled: false })
        {
            return current;
        }
        // Two first views may both render; one result is kept. A failed render is tried again next time.
        var fresh = RenderAsync(article, withPrompt);
        return Interlocked.CompareExchange(ref slot, fresh, current) == current ? fresh : slot!;
    }

    private async Task<ArticlePageTemplate> RenderAsync(ArticleContent article, bool withPrompt)
    {
        var model = withPrompt
            ? new PromptModel(article.Slug, ArticleEndpoints.PathOf(article), prompt.Value.Placement, _placeholder)
            : null;
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<ArticlePage>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(ArticlePage.Article)] = article,
                [nameof(ArticlePage.Prompt)] = model,
            }));
            return output.ToHtmlString();
        });
        return ArticlePageTemplate.From(html, withPrompt ? _placeholder : null);
    }
}
