using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Surveys.Bench;

public sealed record IntakeResult(int Sent, int Accepted, SortedDictionary<string, int> Failures, long StartTimestamp, double Seconds,
    double P50Ms, double P99Ms, double MaxMs)
{
    public double AcceptedPerSecond => Accepted / Seconds;
}

/// <summary>
/// Drives POST /api/v1/responses with a fixed number of closed-loop clients, each sending its next
/// token as soon as its previous request was answered (a resident never sends an API key).
/// </summary>
public static class Intake
{
    static readonly MediaTypeHeaderValue Json = new("application/json");

    public static async Task<IntakeResult> RunAsync(HttpClient http, IReadOnlyList<string> tokens, int concurrency, TimeSpan timeout)
    {
        // Bodies are serialized before the clock starts so the load generator spends its share of the 2 cores on sending.
        var bodies = tokens.Select((t, i) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Body(t, i)))).ToArray();
        var latencies = new double[tokens.Count];
        var outcomes = new string[tokens.Count];
        var next = -1;
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var start = Stopwatch.GetTimestamp();
        var clients = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length && Stopwatch.GetTimestamp() < deadline)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var content = new ByteArrayContent(bodies[i]) { Headers = { ContentType = Json } };
                    using var response = await http.PostAsync("/api/v1/responses", content);
                    await response.Content.ReadAsByteArrayAsync();
                    outcomes[i] = ((int)response.StatusCode).ToString();
                }
                catch (Exception e) { outcomes[i] = e.GetType().Name; }
                latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
        })).ToArray();
        await Task.WhenAll(clients);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var sent = outcomes.Where(x => x is not null).ToArray();
        var failures = new SortedDictionary<string, int>(sent.Where(x => x != "202").GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count()));
        var sorted = latencies.Where((_, i) => outcomes[i] is not null).Order().ToArray();
        return new IntakeResult(sent.Length, sent.Count(x => x == "202"), failures, start, seconds,
            Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.LastOrDefault());
    }

    // Nearest-rank percentile of an ascending array.
    static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    // Answers vary (deterministically per index) so the aggregates see all five values; one in four has a comment.
    static object Body(string token, int i)
    {
        int A(int salt) => 1 + (int)((uint)(i * 2654435761u + salt * 40503u) % 5);
        return new
        {
            token,
            answers = new { overall = A(1), respect = A(2), voice = A(3), fairness = A(4), explanation = A(5), trust = A(6) },
            comment = i % 4 == 0 ? "The officer listened and explained what would happen next." : null,
            wantsComplaint = false, wantsFollowUp = i % 50 == 0, shareComment = true,
        };
    }
}
