using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Support.Tests.Security.Walk;

/// <summary>
/// One mapped route as the app's <see cref="EndpointDataSource"/> describes it: its pattern, the methods mapped on
/// it, and the inputs its handlers read (form fields, query parameters, route values), found from the handlers'
/// parameters the way minimal APIs bind them. New routes are walked without anyone listing them.
/// </summary>
public sealed record MappedRoute(
    RoutePattern Pattern,
    IReadOnlySet<string> Methods,
    IReadOnlyList<string> FormFields,
    IReadOnlyList<string> QueryParameters,
    bool AnyMethod,
    string? Policy)
{
    public string Template => "/" + Pattern.RawText!.Trim('/');

    public IEnumerable<RoutePatternParameterPart> RouteValues => Pattern.Parameters;

    public bool AcceptsForm => Methods.Contains(HttpMethods.Post) || AnyMethod;

    public override string ToString() => $"{Template} [{(AnyMethod ? "*" : string.Join(",", Methods))}]";

    /// <summary>Every route of the app except the offline Stripe emulator's (a test double, never mapped in production).</summary>
    public static IReadOnlyList<MappedRoute> All(IServiceProvider services, string excludedPrefix)
    {
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        return services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith(excludedPrefix, StringComparison.Ordinal))
            .GroupBy(e => e.RoutePattern.RawText!.Trim('/'))
            .Select(group => Describe(group.ToList(), isService))
            .ToList();
    }

    private static MappedRoute Describe(List<RouteEndpoint> endpoints, IServiceProviderIsService isService)
    {
        var pattern = endpoints[0].RoutePattern;
        var routeNames = pattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var methods = endpoints.SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var form = new SortedSet<string>(StringComparer.Ordinal);
        var query = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var parameter in endpoints.SelectMany(e => e.Metadata.OfType<MethodInfo>().Take(1)).SelectMany(m => m.GetParameters()))
        {
            Classify(parameter, routeNames, isService, form, query);
        }
        var policy = endpoints.SelectMany(e => e.Metadata.OfType<IAuthorizeData>()).Select(a => a.Policy).LastOrDefault(p => p is not null);
        return new MappedRoute(pattern, methods, [.. form], [.. query],
            endpoints.Any(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is null), policy);
    }

    private static void Classify(ParameterInfo parameter, HashSet<string> routeNames, IServiceProviderIsService isService,
        SortedSet<string> form, SortedSet<string> query)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (parameter.GetCustomAttribute<FromFormAttribute>() is { } fromForm)
        {
            if (IsSimple(type))
            {
                form.Add(fromForm.Name ?? parameter.Name!);
            }
            else
            {
                form.UnionWith(type.GetProperties().Where(p => p.CanWrite).Select(p => p.Name));
            }
        }
        else if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
        {
            foreach (var inner in type.GetConstructors().SelectMany(c => c.GetParameters()))
            {
                query.Add(inner.GetCustomAttribute<FromQueryAttribute>()?.Name ?? inner.Name!);
            }
        }
        else if (parameter.GetCustomAttribute<FromQueryAttribute>() is { } fromQuery)
        {
            query.Add(fromQuery.Name ?? parameter.Name!);
        }
        else if (IsSimple(type) && !routeNames.Contains(parameter.Name!) && !isService.IsService(parameter.ParameterType))
        {
            query.Add(parameter.Name!); // minimal APIs read a simple parameter that is not a route value from the query
        }
    }

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan);
}
