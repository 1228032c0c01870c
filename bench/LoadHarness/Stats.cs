using System.Diagnostics;
using System.Text.Json;

namespace Surveys.Bench;

/// <summary>
/// Watches the city figures (GET /api/v1/stats/city) every 100 ms: the end-to-end clock stops
/// when the aggregates count every accepted response, which is what a chief would see.
/// </summary>
public sealed class StatsPoller(HttpClient http, string month)
{
    long _latest;
    public long Latest => Interlocked.Read(ref _latest);

    public async Task<long> CityResponsesAsync()
    {
        using var response = await http.GetAsync($"/api/v1/stats/city?month={month}");
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        var n = doc.RootElement.GetProperty("responses").GetInt64();
        Interlocked.Exchange(ref _latest, n);
        return n;
    }

    /// <summary>
    /// Polls until the count reaches target() (which may rise while intake still runs) or the
    /// deadline passes; returns the Stopwatch timestamp of the poll that saw it, or null on timeout.
    /// </summary>
    public async Task<long?> WaitForAsync(Func<long> target, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (Stopwatch.GetTimestamp() < deadline)
        {
            try
            {
                if (await CityResponsesAsync() >= target()) return Stopwatch.GetTimestamp();
            }
            catch (HttpRequestException) { } // one failed poll (e.g. a 503 while the database is busy) is not the end of the run
            await timer.WaitForNextTickAsync();
        }
        return null;
    }
}
