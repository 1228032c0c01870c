using Dapper;
using Surveys.Api.Audit;
using Surveys.Api.CommentReview;
using Surveys.Data;
using Surveys.Reporting.Data;
using Surveys.Reporting.Text;

namespace Surveys.Api.Demo;

/// <summary>
/// The demo's comments and review queue. Some comments carry what redaction must catch (a phone
/// typed with O for zero, a spelled-out e-mail) and one is an allegation, which the worker sends to
/// internal affairs and never queues. Once the worker has stored every answer, the newest two
/// waiting comments per neighborhood of last month that need no editing are approved (audited as
/// "demo"), so its reports quote residents while the queue still holds comments for a newcomer to
/// review, among them those whose phone, e-mail or officer's name a person must deal with.
/// </summary>
public static class DemoComments
{
    public static readonly string[] Texts =
    [
        "The officer was kind and explained everything.", "Took a long time to arrive but was helpful.",
        "Very professional, thank you.", "I did not feel listened to.", "Gracias por su ayuda, muy amable.",
        "Officer Reyes stayed until my mother calmed down. Call me at 86O-555-O1OO if you want to hear more.",
        "Thank you for coming so fast. Write to me: maria dot gonzalez at gmail dot com",
        "Officer 1002 shoved me against the car and took my cash.",
    ];

    public static async Task<int> ApproveSomeAsync(Db db, long stored, string month, DateTimeOffset now, CancellationToken ct)
    {
        const string countSql = "SELECT COUNT(*) FROM responses";
        const string waitingSql = """
            SELECT cr.response_id AS Id, cr.neighborhood, r.comment FROM comment_reviews cr JOIN responses r ON r.id = cr.response_id
            WHERE cr.status = 'pending' AND cr.month = @Month
            ORDER BY cr.neighborhood, cr.stored_at DESC
            """;
        await using (var connection = await db.OpenAsync(ct))
        {
            // The answers go through the real queue: wait (bounded) until the worker has stored them.
            var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
            while (await connection.ExecuteScalarAsync<long>(countSql) < stored && DateTimeOffset.UtcNow < deadline) await Task.Delay(250, ct);
        }
        List<(string Id, string Neighborhood, string Comment)> waiting;
        await using (var connection = await db.OpenAsync(ct))
            waiting = (await connection.QueryAsync<(string, string, string)>(waitingSql, new { Month = month })).ToList();
        var approved = 0;
        // Only comments with nothing to redact or name: those that need editing are left for a person.
        var plain = waiting.Where(w => Redaction.ForPrint(w.Comment, Comments.MaxPrintedLength) == w.Comment && !w.Comment.Contains("Officer "));
        foreach (var (id, _, comment) in plain.GroupBy(w => w.Neighborhood).SelectMany(g => g.Take(2)))
        {
            var item = await CommentReviews.DecideAsync(db, id, comment, "demo",
                (action, outcome, detail) => new AuditLog.Entry("demo", "demo", action, id, outcome, null, detail), now, ct);
            if (item is not null) approved++;
        }
        return approved;
    }
}
