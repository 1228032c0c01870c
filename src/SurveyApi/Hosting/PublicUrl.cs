using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Surveys.Api.Hosting;

/// <summary>
/// The start of every link the API builds (survey links, the OpenAPI server, the URL SMS callbacks
/// are signed over): Surveys:PublicBaseUrl, or when it is unset the configured listening URL. Never
/// the request's Host header or scheme, which any client chooses (a link on evil.example otherwise).
/// </summary>
public sealed class PublicUrl(IOptions<SurveysOptions> options, IServer server)
{
    public string Base
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)) return options.Value.PublicBaseUrl.Trim().TrimEnd('/');
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var address = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault();
            // A wildcard listening address names no host a resident could reach; localhost is the honest fallback,
            // as it is for an in-process test server that listens nowhere.
            return (address ?? "http://localhost").Replace("[::]", "localhost").Replace("0.0.0.0", "localhost")
                .Replace("://+", "://localhost").Replace("://*", "://localhost").TrimEnd('/');
        }
    }

    public static void AddPublicUrl(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Surveys:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured) && !(Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)))
            throw new InvalidOperationException($"Surveys:PublicBaseUrl ('{configured}') must be an absolute http(s) URL without query, e.g. https://survey.example.gov.");
        builder.Services.AddSingleton<PublicUrl>();
        // The document's servers entry would otherwise echo the request's Host header.
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, context, _) =>
        {
            document.Servers = [new OpenApiServer { Url = context.ApplicationServices.GetRequiredService<PublicUrl>().Base }];
            return Task.CompletedTask;
        }));
    }
}
