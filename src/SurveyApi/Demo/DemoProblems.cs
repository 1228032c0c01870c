using Dapper;
using Surveys.Data;
using Surveys.Rules;

namespace Surveys.Api.Demo;

/// <summary>
/// --demo: problems in every SARA stage, with actions done, due and overdue and their history, so
/// a newcomer sees the loop at once: North End's "not listened to" problem entered its response
/// 75 days ago (the seeder's North End answers improve from then), so its assessment has real
/// before/after figures. Written as the console would, by "demo".
/// </summary>
public static class DemoProblems
{
    public const int ResponseDaysAgo = 75;

    sealed record Action(string Text, string Owner, int DueInDays, string Status);
    sealed record Problem(string Neighborhood, string Title, string? PublicTitle, string Description, string Stage, string[] Items, Action[] Actions);

    static readonly Problem[] Problems =
    [
        new("N3", "North End residents do not feel listened to", "Listening to North End residents",
            "Voice and trust in North End were the lowest in the city for six months; residents at the spring meeting said officers rush them.",
            "assessment", ["voice", "trust"],
            [new("Monthly walk-and-talk on Main Street", "Sgt. Rosa Diaz", -60, "done"), new("Call back every resident who asks, within two days", "Lt. James O'Brien", -45, "done"),
             new("Spanish-language community meeting", "Ofc. Luis Ortega", 7, "open")]),
        new("N1", "Speeding near Lincoln Elementary at school time", "Safer streets around Lincoln Elementary",
            "Raised at the October beat meeting; traffic-stop answers in Downtown mention the school zone.", "response", ["overall"],
            [new("Speed trailer on Elm Street for two weeks", "Traffic Unit", -3, "open"), new("Crossing guard schedule with the school", "Lt. Ana Muñoz", 10, "open")]),
        new("N6", "Late-night noise complaints on Harbor Road", null, "Several follow-up requests about response times to noise calls.", "scanning", ["overall", "explanation"], []),
        new("N2", "Trust among Vietnamese-speaking residents", "Reaching Vietnamese-speaking neighbors",
            "Few answers in Vietnamese and lower trust among them; looking at why.", "analysis", ["trust"],
            [new("Meet the Vietnamese Community Association", "Lt. Nguyễn Thị Lan", 14, "open")]),
    ];

    static readonly string[] Order = ["scanning", "analysis", "response", "assessment"];

    public static async Task SeedAsync(Db db, SurveysOptions options, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        string Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, options.Zone).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var p in Problems)
        {
            var id = Guid.CreateVersion7().ToString();
            var opened = now.AddDays(-120);
            var reached = Array.IndexOf(Order, p.Stage);
            var responseStarted = reached >= 2 ? now.AddDays(p.Stage == "response" ? -20 : -ResponseDaysAgo) : (DateTimeOffset?)null;
            await connection.ExecuteAsync("""
                INSERT INTO problems (id, neighborhood, title, public_title, public_title_approved_by, description, stage, response_started_on, created_by, created_at, updated_at)
                VALUES (@Id, @Neighborhood, @Title, @PublicTitle, @Approver, @Description, @Stage, @Started, 'demo', @Opened, @Now)
                """, new { Id = id, p.Neighborhood, p.Title, p.PublicTitle, Approver = p.PublicTitle is null ? null : "demo", p.Description, p.Stage,
                Started = responseStarted is { } s ? Day(s) : null, Opened = opened.ToUnixTimeMilliseconds(), Now = now.ToUnixTimeMilliseconds() }, tx);
            foreach (var item in p.Items)
                await connection.ExecuteAsync("INSERT INTO problem_items (problem_id, item) VALUES (@Id, @Item)", new { Id = id, Item = item }, tx);
            for (var stage = 0; stage <= reached; stage++)
            {
                var at = stage == 0 ? opened : stage == 2 && responseStarted is { } r ? r : opened.AddDays(stage * 15);
                await connection.ExecuteAsync("""
                    INSERT INTO problem_history (id, problem_id, from_stage, to_stage, note, actor, at) VALUES (@HistoryId, @Id, @From, @To, @Note, 'demo', @At)
                    """, new { HistoryId = Guid.CreateVersion7().ToString(), Id = id, From = stage == 0 ? null : Order[stage - 1], To = Order[stage],
                    Note = stage == 0 ? "Opened from the figures." : $"Moved to {Order[stage]}.", At = at.ToUnixTimeMilliseconds() }, tx);
            }
            foreach (var a in p.Actions)
                await connection.ExecuteAsync("""
                    INSERT INTO problem_actions (id, problem_id, text, owner, due_on, status, created_by, created_at, updated_at, closed_at)
                    VALUES (@ActionId, @Id, @Text, @Owner, @DueOn, @Status, 'demo', @Created, @Created, @Closed)
                    """, new { ActionId = Guid.CreateVersion7().ToString(), Id = id, a.Text, a.Owner, DueOn = Day(now.AddDays(a.DueInDays)), a.Status,
                    Created = opened.ToUnixTimeMilliseconds(), Closed = a.Status == "done" ? now.AddDays(a.DueInDays).ToUnixTimeMilliseconds() : (long?)null }, tx);
        }
        await tx.CommitAsync(ct);
    }
}
