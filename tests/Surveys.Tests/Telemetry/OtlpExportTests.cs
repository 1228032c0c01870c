using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Telemetry;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task Traces_and_metrics_are_exported_over_OTLP_when_an_endpoint_is_configured()
    {
        // A stand-in collector on loopback that keeps what it receives.
        var received = new ConcurrentBag<(string Path, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Add((request.Path, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();
        var url = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var app = SurveysApp.Embedded(new() { ["Surveys:Telemetry:OtlpEndpoint"] = url, ["Surveys:Telemetry:ExportInterval"] = "00:00:01" });
        await app.WaitReadyAsync();
        var admin = app.Client(Keys.Admin);
        await admin.PutAsJsonAsync("/api/v1/neighborhoods/OT", new { name = "Otlp" });
        var contact = await (await app.Client(Keys.Intake).PostAsJsonAsync("/api/v1/contacts", new
        {
            externalId = "OT-1", occurredAt = DateTimeOffset.UtcNow.AddHours(-1), neighborhood = "OT", contactType = "traffic-stop", officers = new[] { "1" }, phone = "+15550001111",
        })).Content.ReadFromJsonAsync<Dictionary<string, string?>>();
        var token = contact!["surveyUrl"]![(contact["surveyUrl"]!.LastIndexOf('/') + 1)..];
        (await app.Client().PostAsJsonAsync("/api/v1/responses", new { token, answers = new { overall = 5 } })).EnsureSuccessStatusCode();

        bool Has(string path, string text) => received.Any(r => r.Path == path && Encoding.UTF8.GetString(r.Body).Contains(text));
        await Eventually.TrueAsync(() => Task.FromResult(Has("/v1/metrics", "surveys.responses.accepted") && Has("/v1/metrics", "surveys.responses.stored")),
            TimeSpan.FromSeconds(30), "our metrics at the collector");
        await Eventually.TrueAsync(() => Task.FromResult(Has("/v1/traces", "SurveyResponseSubmitted")), TimeSpan.FromSeconds(30), "queue and store spans of the response");
    }
}
