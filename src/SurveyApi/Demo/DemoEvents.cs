using Surveys.Api.Events;
using Surveys.Data;

namespace Surveys.Api.Demo;

/// <summary>
/// --demo: three events a newcomer can open in /console/events: last month's community meeting
/// with a dozen survey answers (figures shown) and two concerns, a recent Coffee with a Cop (too
/// few answers: suppressed), and a National Night Out still to come. Answers take the residents' path.
/// </summary>
public static class DemoEvents
{
    public static async Task<int> SeedAsync(Db db, EventSubmission submission, SurveysOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var random = new Random(14);
        await using var connection = await db.OpenAsync(ct);
        async Task<EventQueries.Event> Add(string? hood, string kind, string title, DateTimeOffset starts, int? attendance)
        {
            var body = new EventsApi.CreateBody(hood, kind, title, null, attendance);
            return await EventsApi.InsertAsync(connection, body, starts, "demo", now, options);
        }
        async Task<int> Answer(EventQueries.Event e, int count, double mood, string[] comments)
        {
            var queued = 0;
            for (var i = 0; i < count; i++)
            {
                int Score() => Math.Clamp((int)Math.Round(3.4 + mood + random.NextDouble() * 2 - 1), 1, 5);
                var answers = new Dictionary<string, int> { ["overall"] = Score(), ["voice"] = Score() };
                if (random.Next(4) > 0) answers["trust"] = Score();
                var comment = i < comments.Length ? comments[i] : null;
                if (await submission.QueueAsync(e.Id, $"demo-browser-{e.Id[^6..]}-{i:D2}", answers, comment, random.Next(4) == 0 ? "es" : "en")) queued++;
            }
            return queued;
        }

        var zone = options.Zone;
        DateTimeOffset At(int daysAgo, int hour) => new(now.AddDays(-daysAgo).Date.AddHours(hour), zone.GetUtcOffset(now.AddDays(-daysAgo).Date.AddHours(hour)));
        var meeting = await Add("N3", "community-meeting", "North End monthly community meeting", At(35, 18), 34);
        await EventsApi.InsertConcernAsync(connection, meeting.Id, "Speeding on Elm Street near the school at pick-up time.", "demo", now);
        await EventsApi.InsertConcernAsync(connection, meeting.Id, "Broken street lights along the river path after dark.", "demo", now);
        var coffee = await Add("N1", "coffee-with-a-cop", "Coffee with a Cop at the Main Street bakery", At(4, 8), 15);
        await Add(null, "national-night-out", "National Night Out", At(-10, 17), null);
        return await Answer(meeting, 12, 0.2, ["Good to hear what is being done about the speeding.", "More meetings in the evening please."])
            + await Answer(coffee, 6, 0.6, []);
    }
}
