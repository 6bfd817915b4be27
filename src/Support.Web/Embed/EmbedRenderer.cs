using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Support.Web.Prompt;

namespace Support.Web.Embed;

/// <summary>
/// The embed shows the same Razor components as Support's own pages (<see cref="SupportPrompt"/>, <see cref="QuietPrompt"/>),
/// rendered to a string for the JSON; the script makes their relative addresses absolute.
/// </summary>
public static class EmbedRenderer
{
    public static Task<string> PromptAsync(IServiceProvider services, PromptModel model) =>
        RenderAsync<SupportPrompt>(services, new Dictionary<string, object?> { [nameof(SupportPrompt.Model)] = model });

    public static Task<string> QuietAsync(IServiceProvider services) =>
        RenderAsync<QuietPrompt>(services, new Dictionary<string, object?>());

    public static Task<string> ReminderAsync(IServiceProvider services, Dictionary<string, object?> parameters) =>
        RenderAsync<EmbedReminder>(services, parameters);

    private static async Task<string> RenderAsync<TComponent>(IServiceProvider services, Dictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }
}
