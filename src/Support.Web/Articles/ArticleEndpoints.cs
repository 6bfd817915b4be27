using Microsoft.AspNetCore.Http.HttpResults;
using Support.Web.Prompt;
using Support.Web.Reports;
using Support.Web.Shared;

namespace Support.Web.Articles;

public static class ArticleEndpoints
{
    public static IEndpointRouteBuilder MapArticles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (ArticleCatalog catalog) =>
            new RazorComponentResult<ArticleListPage>(new { Articles = catalog.All }));

        app.MapGet("/articles/{slug}", Results<RazorComponentResult<ArticlePage>, RazorComponentResult<MessagePage>> (
            string slug, HttpRequest request, ArticleCatalog catalog, PromptFactory prompts, PromptCounter promptCounter) =>
        {
            var article = catalog.Find(slug);
            if (article is null)
            {
                return Pages.NotFound("We could not find that article", "It may have moved, or the link may be mistyped.");
            }
            var prompt = prompts.ForPageView(request, article.Slug, $"/articles/{article.Slug}");
            if (prompt is not null) promptCounter.PromptShown(article.Slug);
            return new RazorComponentResult<ArticlePage>(new { Article = article, Prompt = prompt });
        });
        return app;
    }
}
