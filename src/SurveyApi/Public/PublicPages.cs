using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Surveys.Texts;
using Microsoft.Extensions.Options;
using Surveys.Api.Hosting;
using Surveys.Data;

namespace Surveys.Api.Public;

/// <summary>
/// The public transparency pages (api-contract.md, "Public transparency pages"; docs/public.md):
/// no key, no script, cacheable for five minutes with a strong ETag over the body. Switched off
/// (404) with Surveys:Public:Enabled = false.
/// </summary>
public static class PublicPages
{
    public const string CacheControl = "public, max-age=300";

    static readonly Lazy<byte[]> Css = new(() =>
    {
        using var stream = typeof(PublicPages).Assembly.GetManifestResourceStream("Surveys.Api.Public.public.css")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static void MapPublicPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/public").WithTags("Public").RequireRateLimiting(ResidentLimits.Policy).AllowAnonymous();
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<IOptions<SurveysOptions>>().Value.Public.Enabled
                ? await next(context) : Results.NotFound());
        group.MapGet("/assets/public.css", (HttpContext c) => Cached(c, Css.Value, "text/css; charset=utf-8")).ExcludeFromDescription();
        group.MapGet("/", City).ExcludeFromDescription();
        group.MapGet("/neighborhoods/{code}", Neighborhood).ExcludeFromDescription();
        PublicCsv.Map(group);
    }

    static Task<IResult> City(HttpContext context, string? lang, Db db, IOptions<SurveysOptions> options, IConfiguration config, TimeProvider time, TextCatalog texts) =>
        RenderAsync(context, null, lang, db, options.Value, config, time, texts);

    static Task<IResult> Neighborhood(HttpContext context, string code, string? lang, Db db, IOptions<SurveysOptions> options, IConfiguration config, TimeProvider time, TextCatalog texts) =>
        RenderAsync(context, code, lang, db, options.Value, config, time, texts);

    static async Task<IResult> RenderAsync(HttpContext context, string? code, string? lang, Db db, SurveysOptions o, IConfiguration config, TimeProvider time,
        TextCatalog texts)
    {
        var (l, offered) = PublicText.Resolve(lang, config.GetSection("Surveys:Languages").Get<string[]>());
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var data = await PublicData.LoadAsync(connection, code, o, time.GetUtcNow());
        if (data is null) return Html(404, PublicHtml.NotFound(l, offered, texts));
        return Cached(context, Encoding.UTF8.GetBytes(PublicHtml.Page(data, l, offered, o.AgencyName, o.MinResponses, texts)), "text/html; charset=utf-8");
    }

    static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    /// <summary>
    /// Short public caching, and a 304 when the client already holds these exact bytes. Gzip when
    /// the client takes it (a year of open data is well over 50 KiB as text, a fifth of that
    /// compressed); the gzip body is another representation, so it gets its own strong tag. These
    /// pages hold no secret, so compressing them gives a BREACH attack nothing to find.
    /// </summary>
    public static IResult Cached(HttpContext context, byte[] body, string contentType)
    {
        var gzip = context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16))}{(gzip ? "-gz" : "")}\"";
        var headers = context.Response.Headers;
        headers.CacheControl = CacheControl;
        headers.ETag = etag;
        headers.Vary = "Accept-Encoding";
        var match = context.Request.Headers.IfNoneMatch.ToString();
        if (match.Split(',').Select(m => m.Trim()).Any(m => m == etag || m == "*")) return Results.StatusCode(StatusCodes.Status304NotModified);
        if (!gzip) return Results.Bytes(body, contentType);
        headers.ContentEncoding = "gzip";
        return Results.Bytes(Gzip(body), contentType);
    }

    static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var zip = new GZipStream(output, CompressionLevel.Optimal)) zip.Write(body);
        return output.ToArray();
    }
}
