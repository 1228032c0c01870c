using Dapper;
using Microsoft.Extensions.Options;
using MassTransit;
using Surveys.Api.Contacts;
using Surveys.Api.ReferenceData;
using Surveys.Api.Responses;
using Surveys.Data;
using Surveys.Hosting;
using Surveys.Processing.Reports;
using Surveys.Rules;
using Surveys.Security;

namespace Surveys.Api.Demo;

/// <summary>
/// --demo: a small agency (six neighborhoods, a roster of 30, 1,500 contacts over six months,
/// answers for about 40% of the invited ones) fed through the real intake, queue and worker, so every
/// figure a newcomer sees was produced by the same code that serves a department. Each contact is
/// recorded, and answered, at the time it would have been, so past months close as they would have
/// (Finality); the monthly job waits until all of it is in (ReportJobGate).
/// </summary>
public sealed class DemoSeeder(Db db, SchemaGate schema, ReportJobGate reports, ContactIntake intake, TokenCodec tokens, IBus bus,
    TimeProvider time, IOptions<SurveysOptions> options, IHostApplicationLifetime lifetime, ILogger<DemoSeeder> logger,
    ILogger<Submission> submissionLogger, Surveys.Api.Events.EventSubmission events, EmbeddedSubmission? embedded = null) : BackgroundService
{
    /// <summary>The instant the demo is replaying; only "now" is moved, timers stay real.</summary>
    sealed class ReplayClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }
        public override DateTimeOffset GetUtcNow() => Now;
    }

    static readonly (string Code, string Name, string Lieutenant, double Mood)[] Neighborhoods =
    [
        ("N1", "Downtown", "Lt. Ana Muñoz", 0.3), ("N2", "Riverside", "Lt. Nguyễn Thị Lan", 0.6), ("N3", "North End", "Lt. James O'Brien", -0.4),
        ("N4", "Eastgate", "Lt. Keisha Brown", 0.1), ("N5", "Hillcrest", "Lt. Tomasz Wójcik", 0.8), ("N6", "Southside", "Lt. Maria González", -0.1),
    ];
    static readonly string[] Types = ["call-for-service", "call-for-service", "traffic-stop", "report-taken", "welfare-check", "domestic-violence"];

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        try { await SeedAsync(ct); }
        finally { reports.Release(); }
    }

    async Task SeedAsync(CancellationToken ct)
    {
        await schema.WaitAsync(ct);
        await WaitForStartAsync(ct);
        await using (var connection = await db.OpenAsync(ct))
            if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM neighborhoods") > 0) { PrintLinks(null); return; }

        var random = new Random(2026);
        var now = time.GetUtcNow();
        await using (var connection = await db.OpenAsync(ct))
        {
            foreach (var n in Neighborhoods)
                await connection.ExecuteAsync("INSERT INTO neighborhoods (code, name, lieutenant, updated_at) VALUES (@Code, @Name, @Lieutenant, @Now)",
                    new { n.Code, n.Name, n.Lieutenant, Now = now.ToUnixTimeMilliseconds() });
            await using var tx = await connection.BeginTransactionAsync(ct);
            for (var i = 1; i <= 30; i++)
                await OfficersApi.UpsertAsync(connection, tx, new OfficersApi.Officer($"{1000 + i}", $"Officer {i}", $"Patrol {(i % 3) + 1}", true), now);
            await tx.CommitAsync(ct);
        }

        var replay = new ReplayClock();
        // The same path as a resident's answer in this mode (Embedded: queued on disk), on the replay clock.
        var submission = new Submission(db, tokens, bus, replay, options, submissionLogger, embedded);
        string? openToken = null;
        var accepted = 0;
        for (var i = 0; i < 1500; i++)
        {
            var n = Neighborhoods[i % Neighborhoods.Length];
            var occurred = now.AddDays(-random.Next(1, 180)).AddMinutes(-random.Next(0, 1440));
            var body = new ContactsApi.NewContact($"DEMO-{i:D5}", occurred, n.Code, Types[random.Next(Types.Length)],
                [$"{1001 + random.Next(30)}", .. random.Next(4) == 0 ? new[] { $"{1001 + random.Next(30)}" } : []],
                $"+1555{2000000 + i}", random.Next(5) == 0 ? "es" : "en");
            // Recorded as the CAD would have sent it, minutes after the contact; answered within two days.
            var recorded = occurred.AddMinutes(random.Next(1, 30));
            var outcome = await intake.RecordAsync(body, recorded);
            if (outcome?.Token is null) continue;
            var stillOpen = recorded.AddDays(options.Value.TokenLifetimeDays) > now;
            if (random.NextDouble() > 0.4) { if (stillOpen) openToken ??= outcome.Token; continue; }
            replay.Now = Min(recorded.AddHours(2 + random.Next(46)), now);
            // North End's problem entered its response stage 75 days ago, and residents noticed.
            var mood = n.Mood + (n.Code == "N3" && occurred > now.AddDays(-DemoProblems.ResponseDaysAgo) ? 0.7 : 0);
            int Score() => Math.Clamp((int)Math.Round(3.6 + mood + random.NextDouble() * 2.4 - 1.2), 1, 5);
            var answers = Instrument.Items.Where(k => k == Instrument.Overall || random.Next(8) > 0).ToDictionary(k => k, _ => Score());
            var comment = random.Next(4) == 0 ? DemoComments.Texts[random.Next(DemoComments.Texts.Length)] : null;
            var (status, _) = await submission.SubmitAsync(outcome.Token, new Answers(answers, comment, false, random.Next(15) == 0,
                comment is not null && random.Next(3) > 0), "web");
            if (status == SubmitStatus.Accepted) accepted++;
        }
        // A 202 means queued, not stored: the months are complete only once the worker has every answer.
        await WaitForStoredAsync(accepted, ct);
        var approved = await DemoComments.ApproveSomeAsync(db, accepted, Months.Of(now.AddMonths(-1), options.Value.Zone), time.GetUtcNow(), ct);
        var followUps = await DemoFollowUps.SpreadAsync(db, accepted, options.Value, time.GetUtcNow(), ct);
        await DemoProblems.SeedAsync(db, options.Value, time.GetUtcNow(), ct);
        var eventAnswers = await DemoEvents.SeedAsync(db, events, options.Value, time.GetUtcNow(), ct);
        logger.LogInformation("Demo agency seeded; {Approved} comments approved for quoting, {FollowUps} follow-up requests, {EventAnswers} event answers",
            approved, followUps, eventAnswers);
        PrintLinks(openToken);
    }

    async Task WaitForStoredAsync(long accepted, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        while (true)
        {
            await using (var connection = await db.OpenAsync(timeout.Token))
                if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM responses") >= accepted) return;
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }
    }

    static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    void PrintLinks(string? openToken)
    {
        var baseUrl = StartupBanner.BaseUrl ?? "http://localhost:5080";
        var key = DemoSetup.Key(options.Value.DataDirectory);
        var month = Months.Of(time.GetUtcNow().AddMonths(-1), options.Value.Zone);
        Console.WriteLine($"""

            Demo agency ready. Try:
              A resident's survey:  {(openToken is null ? "(post a contact to get one; see README)" : $"{baseUrl}/s/{openToken}")}
              City figures:         curl -H "X-Api-Key: {key}" "{baseUrl}/api/v1/stats/city?month={month}"
              Neighborhood N2:      curl -H "X-Api-Key: {key}" "{baseUrl}/api/v1/stats/neighborhoods/N2?month={month}"
              Its report (quotes):  curl -H "X-Api-Key: {key}" -o n2.pdf "{baseUrl}/api/v1/reports/neighborhoods/N2?month={month}"
              Follow-up requests:   curl -H "X-Api-Key: {key}" "{baseUrl}/api/v1/follow-ups?status=overdue"  (or /console/follow-ups)
              Public page of N2:    {baseUrl}/public/neighborhoods/N2  (no key; open data: {baseUrl}/public/data/figures.csv)
              Comments to review:   curl -H "X-Api-Key: {key}" "{baseUrl}/api/v1/comment-reviews"  (or /console/comment-reviews as a chief)
            (The demo API key has every role and is kept in {Path.Combine(options.Value.DataDirectory, DemoSetup.KeyFile)}.)
            """);
    }

    Task WaitForStartAsync(CancellationToken ct)
    {
        // Asynchronous continuation: seeding must not run inside the ApplicationStarted callback,
        // where it would hold up the other callbacks (the banner) until it is done.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(ct);
    }
}
