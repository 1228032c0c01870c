using Dapper;
using Surveys.Reporting;

namespace Surveys.Tests.Reporting;

/// <summary>
/// "What we heard, what we did" in the neighborhood and city PDFs, from events, concerns,
/// problems and actions as the console records them. Event means are worked by hand.
/// </summary>
public class CommunityLoopReportTests
{
    // 2026-10-14 18:30 in New York (EDT, UTC−4).
    static readonly long Meeting = new DateTimeOffset(2026, 10, 14, 22, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    static async Task SeedLoopAsync(ReportDatabase db)
    {
        await Scenario.SeedAsync(db);
        await using var c = await db.Db.OpenAsync();
        await c.ExecuteAsync("""
            INSERT INTO events (id, neighborhood, kind, title, starts_at, month, attendance, token, created_by, created_at, updated_at) VALUES
            ('ev1', 'N1', 'community-meeting', 'October beat meeting', @Meeting, '2026-10', 34, 'tok1', 'lt', 0, 0),
            ('ev2', NULL, 'national-night-out', 'Night Out at Civic Plaza', @Meeting, '2026-10', 200, 'tok2', 'chief', 0, 0),
            ('ev3', 'N2', 'coffee-with-a-cop', 'Coffee on the river', @Meeting, '2026-10', 12, 'tok3', 'lt', 0, 0),
            ('ev4', 'N1', 'school-visit', 'A September visit', @Meeting - 2592000000, '2026-09', 40, 'tok4', 'lt', 0, 0);
            INSERT INTO event_concerns (id, event_id, text, created_by, created_at) VALUES
            ('c1', 'ev1', 'Cars speeding on Elm Street at school time', 'lt', 1), ('c2', 'ev1', 'Broken street lights by the park', 'lt', 2),
            ('c3', 'ev3', 'Riverside-only concern', 'lt', 3);
            INSERT INTO problems (id, neighborhood, title, description, stage, response_started_on, created_by, created_at, updated_at) VALUES
            ('p1', 'N1', 'Residents do not trust night patrols', 'd', 'response', '2026-10-05', 'lt', 1, 1),
            ('p2', 'N1', 'Speeding near Lincoln School', 'd', 'scanning', NULL, 'lt', 2, 2),
            ('p3', 'N2', 'Riverside-only problem', 'd', 'analysis', NULL, 'lt', 3, 3),
            ('p4', 'N1', 'A problem closed last year', 'd', 'closed', NULL, 'lt', 4, 4);
            INSERT INTO problem_items (problem_id, item) VALUES ('p1', 'trust'), ('p1', 'voice');
            INSERT INTO problem_actions (id, problem_id, text, owner, due_on, status, created_by, created_at, updated_at) VALUES
            ('a1', 'p1', 'Foot patrol on Elm Street on Friday nights', 'Sgt. Diaz', '2026-10-20', 'done', 'lt', 1, 1),
            ('a2', 'p1', 'Meet the tenants association', 'Lt. Muñoz', '2026-10-30', 'open', 'lt', 1, 1),
            ('a3', 'p1', 'Leaflets that were dropped', 'Ofc. Kim', '2026-10-10', 'dropped', 'lt', 1, 1);
            """, new { Meeting });
        // Twelve answers at the meeting; three at the city-wide event (withheld below 10).
        await db.MonthAsync("event", "ev1", "2026-10", 0, 0, Scenario.AfterGrace, new Dictionary<string, int[]>
        {
            ["overall"] = [0, 1, 2, 5, 4], ["voice"] = [0, 0, 3, 5, 4], ["trust"] = [1, 1, 4, 4, 2],
        });
        await db.MonthAsync("event", "ev2", "2026-10", 0, 0, Scenario.AfterGrace, new Dictionary<string, int[]>
        {
            ["overall"] = [0, 0, 1, 1, 1], ["voice"] = [0, 0, 1, 1, 1], ["trust"] = [0, 0, 1, 1, 1],
        });
    }

    [Fact]
    public async Task Neighborhood_report_shows_its_meetings_concerns_problems_and_actions()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await SeedLoopAsync(db);
        await using var connection = await db.Db.OpenAsync();
        var pdf = await TrustReports.NeighborhoodAsync(connection, "N1", Scenario.Month, db.Options, Scenario.DuringGrace);
        var text = await PdfTools.TextAsync(pdf!, "n1-loop");

        Assert.Contains("What we heard, what we did", text);
        // 48/12 = 4.00, 49/12 = 4.08, 41/12 = 3.42, worked by hand from the answer counts.
        Assert.Matches(@"14 Oct 2026 October beat meeting community meeting [A-Za-z ]*34 12 4\.00 4\.08 3\.42", text);
        Assert.Contains("• Cars speeding on Elm Street at school time (October beat meeting)", text);
        Assert.Contains("• Broken street lights by the park (October beat meeting)", text);
        Assert.Contains("Response: acting on it (1)", text);
        Assert.Contains("Residents do not trust night patrols · items: Listened, Trust in the department", text);
        Assert.Contains("Done: Foot patrol on Elm Street on Friday nights (Sgt. Diaz)", text);
        Assert.Contains("Due 2026-10-30: Meet the tenants association (Lt. Muñoz) · overdue", text);
        Assert.Contains("Scanning: defining the problem (1)", text);
        Assert.Contains("Speeding near Lincoln School", text);
        foreach (var other in new[] { "Riverside-only", "A September visit", "A problem closed last year", "Leaflets that were dropped", "Night Out" })
            Assert.DoesNotContain(other, text);
        await PdfTools.AssertValidAsync(pdf!, "n1-loop");
    }

    [Fact]
    public async Task A_problem_in_assessment_prints_its_before_and_after_figures_with_the_changes_interval()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await SeedLoopAsync(db);
        int[] summer = [4, 6, 10, 10, 5];
        foreach (var month in new[] { "2026-06", "2026-07", "2026-08" })
            await db.MonthAsync(Surveys.Figures.FigureQuery.Neighborhood, "N1", month, 100, 35, Scenario.AfterGrace, ReportDatabase.AllItems(summer));
        await using (var c = await db.Db.OpenAsync())
            await c.ExecuteAsync("""
                INSERT INTO problems (id, neighborhood, title, description, stage, response_started_on, created_by, created_at, updated_at)
                VALUES ('p5', 'N1', 'Residents rated their contacts poorly', 'd', 'assessment', '2026-09-10', 'lt', 5, 5);
                INSERT INTO problem_items (problem_id, item) VALUES ('p5', 'overall');
                """);
        await using var connection = await db.Db.OpenAsync();
        var text = await PdfTools.TextAsync((await TrustReports.NeighborhoodAsync(connection, "N1", Scenario.Month, db.Options, Scenario.DuringGrace))!, "n1-assessment");

        // Before: June–August (3 × 35 answers, mean 333/105 = 3.17); after: September and October
        // (100 + 118 answers, 846/218 = 3.88). The interval recomputed by the textbook's Welch.
        static IEnumerable<int> Answers(int[] counts) => counts.SelectMany((n, i) => Enumerable.Repeat(i + 1, n));
        var before = Enumerable.Repeat(summer, 3).SelectMany(Answers).ToList();
        var after = Answers(Scenario.DowntownSeptember).Concat(Answers(Scenario.DowntownOctober)).ToList();
        var (d, low, high) = Surveys.Tests.ProblemSolving.TextbookIntervals.Welch(after, before);
        static string Signed(double v) => (v >= 0 ? "+" : "−") + Math.Abs(v).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Did residents notice?", text);
        Assert.Contains("Residents rated their contacts poorly · response began 2026-09-10", text);
        Assert.Contains("3.17 (n 105) 3.88 (n 218)", text);
        Assert.Contains($"{Signed(d)} ({Signed(low)} to {Signed(high)}) real rise", text);
        Assert.Contains("Jun 2026–Aug 2026", text);
        Assert.Contains("Sep 2026–Oct 2026", text);
    }

    [Fact]
    public async Task A_month_without_meetings_or_problems_says_so()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await Scenario.SeedAsync(db);
        await using var connection = await db.Db.OpenAsync();
        var text = await PdfTools.TextAsync((await TrustReports.NeighborhoodAsync(connection, "N2", Scenario.Month, db.Options, Scenario.DuringGrace))!, "n2-loop");
        Assert.Contains("No meeting or event was recorded this month.", text);
        Assert.Contains("No concern was recorded at a meeting this month.", text);
        Assert.Contains("No problem is open.", text);
    }

    [Fact]
    public async Task City_summary_counts_each_neighborhoods_meetings_and_problems_and_lists_city_wide_events()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await SeedLoopAsync(db);
        await using var connection = await db.Db.OpenAsync();
        var pdf = await TrustReports.CityAsync(connection, Scenario.Month, db.Options, Scenario.DuringGrace);
        var text = await PdfTools.TextAsync(pdf, "city-loop");

        Assert.Contains("What we heard, what we did, city-wide", text);
        // Downtown: one October meeting (the September one is another month), 34 attending, two
        // concerns, problems 1 scanning · 0 · 1 response · 0, one action done, one overdue.
        Assert.Contains("Downtown (N1) 1 34 2 1 0 1 0 1 1", text);
        Assert.Contains("Riverside (N2) 1 12 1 0 1 0 0 0 0", text);
        Assert.Contains("Harbor Point (N9) 0 0 0 0 0 0 0 0 0", text);
        Assert.Matches(@"14 Oct 2026 Night Out at Civic Plaza National Night Out [A-Za-z ]*200 [A-Za-z ]*3 fewer than 10", text);
        await PdfTools.AssertValidAsync(pdf, "city-loop");
    }
}
