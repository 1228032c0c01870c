using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Surveys.Processing.Reports;
using Surveys.Rules;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Sms;

namespace Surveys.Tests.Reporting;

/// <summary>
/// "Final means final" end to end: the API in Embedded mode on a clock the test moves, contacts
/// through the real intake (one a backfill, one too late), the hosted monthly job, the stats call
/// and the PDF, for October 2026 (America/New_York).
/// </summary>
public sealed class FinalMonthTests
{
    const string October = "2026-10", November = "2026-11";

    [Fact]
    public async Task A_backfill_holds_last_month_open_a_late_contact_changes_nothing_and_exactly_one_final_set_follows()
    {
        var folder = Directory.CreateTempSubdirectory("surveys-final-").FullName;
        await using var app = await SmsApp.StartAsync(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero), new()
        {
            ["Surveys:Reports:Folder"] = folder, ["Surveys:Reports:CheckInterval"] = "1.00:00:00",
        });
        // The hosted job's start-up look writes October's preliminary set; wait for it, not for time.
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(Path.Combine(folder, October, "preliminary", MonthlyReportJob.Marker))),
            TimeSpan.FromSeconds(60), "October's preliminary set");
        var job = app.Service<IEnumerable<IHostedService>>().OfType<MonthlyReportJob>().Single();
        var n = await app.NeighborhoodAsync();
        Assert.Equal("invited", (await app.ContactAsync(n, new DateTimeOffset(2026, 10, 20, 14, 0, 0, TimeSpan.Zero), SmsApp.UniquePhone())).Status);

        // A CAD backfill the day before intake closes (18 November, 04:00 UTC): counted, and its
        // link, open until 1 December 12:00, keeps October preliminary past its earliest final instant.
        app.Clock.Now = new DateTimeOffset(2026, 11, 17, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal("invited", (await app.ContactAsync(n, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), SmsApp.UniquePhone())).Status);
        app.Clock.Now = Finality.EarliestFinal(October, new SurveysOptions()).AddHours(1);
        Assert.DoesNotContain(Path.Combine(folder, October, "final"), await job.RunOnceAsync(CancellationToken.None));
        Assert.True(await PreliminaryAsync(app, October));
        Assert.Contains("PRELIMINARY", await ReportTextAsync(app, October));

        // After the cut-off a contact for October is kept but never invited or counted.
        var late = new { externalId = SmsApp.Unique("LATE-"), occurredAt = new DateTimeOffset(2026, 10, 7, 9, 0, 0, TimeSpan.Zero), neighborhood = n,
            contactType = "call-for-service", officers = new[] { "7001" }, phone = SmsApp.UniquePhone(), language = "en" };
        foreach (var expected in new[] { HttpStatusCode.Created, HttpStatusCode.OK })
        {
            var response = await app.Client(Keys.Intake).PostAsJsonAsync("/api/v1/contacts", late);
            Assert.Equal(expected, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("late", body.GetProperty("status").GetString());
            Assert.False(body.TryGetProperty("surveyUrl", out var url) && url.ValueKind != JsonValueKind.Null);
        }
        Assert.Equal(2, (await StatsAsync(app, October)).GetProperty("invitations").GetInt64());

        app.Clock.Now = new DateTimeOffset(2026, 12, 1, 12, 59, 0, TimeSpan.Zero); // the backfill's link expired, not an hour ago
        var written = await job.RunOnceAsync(CancellationToken.None);
        Assert.Equal([Path.Combine(folder, November, "preliminary")], written);

        app.Clock.Now = new DateTimeOffset(2026, 12, 1, 13, 0, 0, TimeSpan.Zero);
        var finalFolder = Path.Combine(folder, October, "final");
        Assert.Equal([finalFolder], await job.RunOnceAsync(CancellationToken.None));
        var stats = await StatsAsync(app, October);
        Assert.False(stats.GetProperty("preliminary").GetBoolean());
        Assert.Equal(2, stats.GetProperty("invitations").GetInt64());
        var final = await PdfTools.TextAsync(await File.ReadAllBytesAsync(Path.Combine(finalFolder, "trust-report-2026-10-city.pdf")), "final-city");
        Assert.Contains("FINAL", final);
        Assert.Contains("(2 invited)", final);
        Assert.DoesNotContain("arrived in", final);
        Assert.Contains("FINAL", await ReportTextAsync(app, October)); // on demand: the same rule

        // November's report, the first written after the late contact came, says so.
        var november = await PdfTools.TextAsync(await File.ReadAllBytesAsync(Path.Combine(folder, November, "preliminary", "trust-report-2026-11-city.pdf")), "nov-city");
        Assert.Contains("1 contact for earlier months arrived in November 2026 after those months had closed (1 for October 2026)", november);

        app.Clock.Now = app.Clock.Now.AddDays(10);
        Assert.DoesNotContain(finalFolder, await job.RunOnceAsync(CancellationToken.None));
        Shell.TryDeleteDirectory(folder);
    }

    static async Task<JsonElement> StatsAsync(SmsApp app, string month)
    {
        var response = await app.Client(Keys.Chief).GetAsync($"/api/v1/stats/city?month={month}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    static async Task<bool> PreliminaryAsync(SmsApp app, string month) => (await StatsAsync(app, month)).GetProperty("preliminary").GetBoolean();

    static async Task<string> ReportTextAsync(SmsApp app, string month)
    {
        var response = await app.Client(Keys.Chief).GetAsync($"/api/v1/reports/city?month={month}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PdfTools.TextAsync(await response.Content.ReadAsByteArrayAsync(), $"on-demand-{month}");
    }
}
