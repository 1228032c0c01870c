using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Surveys.Api.Hosting;
using Surveys.Api.Reports;
using Surveys.Data;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Reporting;

/// <summary>
/// The report endpoints over HTTP with the API's own key authentication and policies, hosted on a
/// test server next to the known database (the contract tests cover them through Program once mapped).
/// </summary>
public class ReportsApiTests
{
    static async Task<(WebApplication App, HttpClient Client)> StartAsync(ReportDatabase db)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        foreach (var (key, value) in Keys.Settings()) builder.Configuration[key] = value;
        builder.Services.Configure<SurveysOptions>(builder.Configuration.GetSection(SurveysOptions.Section));
        builder.Services.PostConfigure<SurveysOptions>(o => o.AgencyName = db.Options.AgencyName);
        builder.Services.AddSingleton(db.Db);
        builder.Services.AddSingleton<TimeProvider>(new FixedTime(Scenario.AfterGrace));
        builder.Services.AddProblemDetails();
        builder.Services.AddSurveysAuth();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapReports();
        await app.StartAsync();
        return (app, app.GetTestClient());
    }

    sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    static HttpRequestMessage Get(string path, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return request;
    }

    [Fact]
    public async Task Reports_are_pdfs_for_the_roles_that_see_the_figures()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await Scenario.SeedAsync(db);
        var (app, client) = await StartAsync(db);
        await using var _ = app;

        var n1 = await client.SendAsync(Get("/api/v1/reports/neighborhoods/N1?month=2026-10", Keys.LieutenantN1));
        Assert.Equal(HttpStatusCode.OK, n1.StatusCode);
        Assert.Equal("application/pdf", n1.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", n1.Headers.CacheControl?.ToString());
        var pdf = await n1.Content.ReadAsByteArrayAsync();
        Assert.Contains("Downtown (N1)", await PdfTools.TextAsync(pdf, "api-n1"));
        await PdfTools.AssertValidAsync(pdf, "api-n1");

        var city = await client.SendAsync(Get("/api/v1/reports/city?month=2026-10", Keys.Chief));
        Assert.Equal(HttpStatusCode.OK, city.StatusCode);
        Assert.Equal("application/pdf", city.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Get("/api/v1/reports/neighborhoods/N2?month=2026-10", Keys.LieutenantN1))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Get("/api/v1/reports/city?month=2026-10", Keys.LieutenantN1))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Get("/api/v1/reports/neighborhoods/N1?month=2026-10", Keys.Intake))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Get("/api/v1/reports/city?month=2026-10", null))).StatusCode);
    }

    [Fact]
    public async Task Unknown_neighborhood_is_404_and_a_bad_month_is_400_as_problem_details()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await Scenario.SeedAsync(db);
        var (app, client) = await StartAsync(db);
        await using var _ = app;

        var missing = await client.SendAsync(Get("/api/v1/reports/neighborhoods/NOPE?month=2026-10", Keys.Chief));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        foreach (var path in new[] { "/api/v1/reports/city?month=2026-13", "/api/v1/reports/neighborhoods/N1?month=October" })
        {
            var bad = await client.SendAsync(Get(path, Keys.Chief));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"month\"", await bad.Content.ReadAsStringAsync());
        }
    }
}
