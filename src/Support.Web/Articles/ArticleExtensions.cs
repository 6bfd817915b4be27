namespace Support.Web.Articles;

public static class ArticleExtensions
{
    public static WebApplicationBuilder AddArticles(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ArticleOptions>().BindConfiguration(ArticleOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ArticleCatalog>();
        builder.Services.AddSingleton<ArticlePageCache>();
        builder.Services.AddScoped<ArticleLoader>();
        return builder;
    }

    public static async Task LoadArticlesAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ArticleLoader>().LoadAsync(app.Lifetime.ApplicationStopping);
    }
}
