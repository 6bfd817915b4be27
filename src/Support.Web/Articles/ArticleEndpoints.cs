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

        // The page is rendered once per variant (ArticlePageCache); a view adds only its form token.
        app.MapMethods("/articles/{slug}", getOrHead, async Task<IResult> (
            string slug, HttpRequest request, ArticleCatalog catalog, ArticlePageCache pages, PromptCookie cookie, PromptCounter promptCounter) =>
        {
            var article = catalog.Find(slug);
            if (article is null)
            {
                return Pages.NotFound("We could not find that article", "It may have moved, or the link may be mistyped.");
            }
            var showPrompt = cookie.ShouldShow(request);
            if (showPrompt) promptCounter.PromptShown(article.Slug);
            var page = await pages.GetAsync(article, showPrompt);
            return new ArticlePageResult(page, showPrompt ? PromptFactory.NewFormToken() : null);
        });
        return app;
    }

    public static string PathOf(ArticleContent article) => $"/articles/{article.Slug}";
}
