using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Surveys.Rules;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Sms;
using static Surveys.Tests.Public.PublicHtmlReader;

namespace Surveys.Tests.Public;

/// <summary>
/// A year of figures for 20 neighborhoods, written straight into the aggregates (what the worker
/// would have stored): every month of every page against the stats API, page sizes, caching and
/// the open-data CSV. N07 has too few answers in every month.
/// </summary>
public sealed class PublicYearFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    public static readonly IReadOnlyList<string> Codes = [.. Enumerable.Range(1, 20).Select(i => $"N{i:D2}")];
    public static readonly IReadOnlyList<string> Window = [.. Enumerable.Range(0, 12).Select(i => Months.Shift("2026-11", i - 11))];

    public SurveysApp App { get; } = SurveysApp.Embedded(clock: new ManualClock(Now));

    public async Task InitializeAsync()
    {
        await App.WaitReadyAsync();
        var admin = App.Client(Keys.Admin);
        foreach (var code in Codes)
            Assert.True((await admin.PutAsJsonAsync($"/api/v1/neighborhoods/{code}", new { name = $"Neighborhood of the {code} district" })).IsSuccessStatusCode);
        await using var db = new SqliteConnection($"Data Source={Path.Combine(App.Settings["Surveys:DataDirectory"]!, "surveys.db")}");
        const string aggregateSql = """
            INSERT INTO aggregates (scope, scope_key, month, item, n, total, total_sq, positives, c1, c2, c3, c4, c5)
            VALUES (@Scope, @Key, @Month, @Item, @N, @Total, @TotalSq, @Positives, @C1, @C2, @C3, @C4, @C5)
            ON CONFLICT (scope, scope_key, month, item) DO UPDATE SET n = n + excluded.n, total = total + excluded.total,
              total_sq = total_sq + excluded.total_sq, positives = positives + excluded.positives, c1 = c1 + excluded.c1,
              c2 = c2 + excluded.c2, c3 = c3 + excluded.c3, c4 = c4 + excluded.c4, c5 = c5 + excluded.c5
            """;
        const string countSql = """
            INSERT INTO monthly_counts (scope, scope_key, month, invitations, responses, max_expires_at) VALUES (@Scope, @Key, @Month, @Invitations, @Responses, 0)
            ON CONFLICT (scope, scope_key, month) DO UPDATE SET invitations = invitations + excluded.invitations, responses = responses + excluded.responses
            """;
        await db.OpenAsync();
        await using var tx = await db.BeginTransactionAsync();
        var random = new Random(15);
        foreach (var month in Window)
            foreach (var code in Codes)
            {
                var responses = code == "N07" ? 4 : random.Next(10, 60);
                var invitations = responses * 2 + random.Next(0, 20);
                foreach (var (scope, key) in new[] { ("neighborhood", code), ("city", "") })
                {
                    await db.ExecuteAsync(countSql, new { Scope = scope, Key = key, Month = month, Invitations = invitations, Responses = responses }, tx);
                    await db.ExecuteAsync(countSql, new { Scope = scope + "-language", Key = scope == "city" ? "es" : $"{code}/es", Month = month, Invitations = invitations / 3, Responses = responses / 3 }, tx);
                }
                foreach (var item in Instrument.Items)
                {
                    var c = new long[5];
                    for (var r = 0; r < responses; r++) c[Math.Clamp((int)Math.Round(3.6 + random.NextDouble() * 2.4 - 1.2 + (code == "N03" ? -1 : 0)), 1, 5) - 1]++;
                    var row = new { Month = month, Item = item, N = (long)responses, Total = c[0] + 2 * c[1] + 3 * c[2] + 4 * c[3] + 5 * c[4],
                        TotalSq = c[0] + 4 * c[1] + 9 * c[2] + 16 * c[3] + 25 * c[4], Positives = c[3] + c[4], C1 = c[0], C2 = c[1], C3 = c[2], C4 = c[3], C5 = c[4] };
                    foreach (var (scope, key) in new[] { ("neighborhood", code), ("city", "") })
                        await db.ExecuteAsync(aggregateSql, new { Scope = scope, Key = key, row.Month, row.Item, row.N, row.Total, row.TotalSq, row.Positives, row.C1, row.C2, row.C3, row.C4, row.C5 }, tx);
                }
            }
        await tx.CommitAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class PublicYearTests(PublicYearFixture f) : IClassFixture<PublicYearFixture>
{
    [Theory]
    [InlineData("/public", "/api/v1/stats/city")]
    [InlineData("/public/neighborhoods/N03", "/api/v1/stats/neighborhoods/N03")]
    [InlineData("/public/neighborhoods/N07", "/api/v1/stats/neighborhoods/N07")]
    public async Task Every_month_of_every_trend_equals_the_stats_api(string page, string stats)
    {
        var html = await f.App.Client().GetStringAsync(page);
        var chief = f.App.Client(Keys.Chief);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var month in PublicYearFixture.Window)
        {
            var body = await chief.GetFromJsonAsync<JsonElement>($"{stats}?month={month}");
            var label = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", inv).ToString("MMMM yyyy", inv);
            foreach (var key in new[] { "ResponseRate", "Overall", "Trust", "ProceduralJustice" })
                Assert.Equal([.. new[] { Expected(body, key, 10).Value, Expected(body, key, 10).Range }], Row(html, $"{key}-h", label).TakeLast(2));
        }
    }

    [Theory]
    [InlineData("/public?lang=en")]
    [InlineData("/public?lang=es")]
    [InlineData("/public/neighborhoods/N03?lang=es")]
    [InlineData("/public/assets/public.css")]
    public async Task No_page_is_over_50_KiB_with_a_year_of_twenty_neighborhoods_even_uncompressed(string path)
    {
        var bytes = await f.App.Client().GetByteArrayAsync(path);
        Assert.InRange(bytes.Length, 1, 50 * 1024);
    }

    [Theory]
    [InlineData("/public?lang=es")]
    [InlineData("/public/data/figures.csv")]
    [InlineData("/public/data/figures.csv?from=2023-12&to=2026-11")] // the longest window, three years
    public async Task No_response_is_over_50_KiB_on_the_wire_and_the_gzip_body_is_the_same_text(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var response = await f.App.Client().SendAsync(request);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var wire = await response.Content.ReadAsByteArrayAsync();
        Assert.InRange(wire.Length, 1, 50 * 1024);
        using var unzip = new System.IO.Compression.GZipStream(new MemoryStream(wire), System.IO.Compression.CompressionMode.Decompress);
        Assert.Equal(await f.App.Client().GetStringAsync(path), await new StreamReader(unzip).ReadToEndAsync());
        Assert.NotEqual(response.Headers.ETag, (await f.App.Client().GetAsync(path)).Headers.ETag);
    }

    [Fact]
    public async Task Pages_are_publicly_cacheable_briefly_and_answer_304_to_their_own_etag()
    {
        var client = f.App.Client();
        var first = await client.GetAsync("/public/neighborhoods/N03");
        Assert.Equal("public, max-age=300", first.Headers.CacheControl?.ToString());
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        var again = new HttpRequestMessage(HttpMethod.Get, "/public/neighborhoods/N03");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        var other = new HttpRequestMessage(HttpMethod.Get, "/public/neighborhoods/N03?lang=es");
        other.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(other)).StatusCode); // another body, another tag
        var stale = new HttpRequestMessage(HttpMethod.Get, "/public/neighborhoods/N03");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0000\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
    }
}
