using Microsoft.AspNetCore.Http.HttpResults;
using Support.Web.Prompt;
using Support.Web.Shared;

namespace Support.Web.Articles;

public static class ArticleEndpoints
{
    public static IEndpointRouteBuilder MapArticles(this IEndpointRouteBuilder app)
    {
        // HEAD as well: link checkers and monitors ask it; Kestrel sends the headers without the body.
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        app.MapMethods("/", getOrHead, (ArticleCatalog catalog) =>
            new RazorComponentResult<ArticleListPage>(new { Articles = catalog.All }));

        // The page is rendered once per prompt view (ArticlePageCache); a view adds only its form token.
        app.MapMethods("/articles/{slug}", getOrHead, async Task<IResult> (
            string slug, HttpContext http, ArticleCatalog catalog, ArticlePageCache pages, PromptGate gate) =>
        {
            var article = catalog.Find(slug);
            if (article is null)
            {
                return Pages.NotFound("We could not find that article", "It may have moved, or the link may be mistyped.");
            }
            var view = gate.ForArticle(http, article.Slug);
            var page = await pages.GetAsync(article, view);
            return new ArticlePageResult(page, view.Show == PromptShow.Full ? PromptFactory.NewFormToken() : null);
        });
        return app;
    }

    public static string PathOf(ArticleContent article) => $"/articles/{article.Slug}";
}
