using System.Data.Common;
using Dapper;

namespace Surveys.FollowUps;

/// <summary>
/// <c>followUps</c> of the stats calls and the reports' "Follow-up requests" block, for requests
/// opened in the month. Contacted means a person reached the resident: <c>contacted_at</c> set and
/// not closed as unreachable or declined. Below MinResponses requests only counts are given.
/// </summary>
public sealed record FollowUpFigures(long Requested, long Closed, long ContactedWithinDue, double? PctContactedWithinDue,
    double? MedianHoursToContact, long Contacted, long Overdue, bool Suppressed)
{
    // The rows of one month and scope: a handful to a few hundred, so the median is taken here.
    const string Sql = """
        SELECT status, outcome, created_at AS CreatedAt, due_at AS DueAt, contacted_at AS ContactedAt
        FROM follow_ups WHERE month = @Month AND (@Neighborhood IS NULL OR neighborhood = @Neighborhood)
        """;

    sealed class Row
    {
        public string Status { get; set; } = "";
        public string? Outcome { get; set; }
        public long CreatedAt { get; set; }
        public long DueAt { get; set; }
        public long? ContactedAt { get; set; }
    }

    /// <summary>Null <paramref name="neighborhood"/>: the whole city.</summary>
    public static async Task<FollowUpFigures> LoadAsync(DbConnection db, string? neighborhood, string month, int minResponses, DateTimeOffset now)
    {
        var rows = (await db.QueryAsync<Row>(Sql, new { Month = month, Neighborhood = neighborhood })).ToList();
        return Compute(rows.Select(r => (r.Status, r.Outcome, r.CreatedAt, r.DueAt, r.ContactedAt)).ToList(), minResponses, now);
    }

    public static FollowUpFigures Compute(IReadOnlyList<(string Status, string? Outcome, long CreatedAt, long DueAt, long? ContactedAt)> rows,
        int minResponses, DateTimeOffset now)
    {
        var contacted = rows.Where(r => r.ContactedAt is not null && r.Outcome is null or "resolved" or "referred").ToList();
        var within = contacted.Count(r => r.ContactedAt <= r.DueAt);
        var hours = contacted.Select(r => (r.ContactedAt!.Value - r.CreatedAt) / 3_600_000.0).Order().ToList();
        var suppressed = rows.Count < minResponses;
        double? median = hours.Count == 0 ? null
            : hours.Count % 2 == 1 ? hours[hours.Count / 2] : (hours[hours.Count / 2 - 1] + hours[hours.Count / 2]) / 2;
        return new FollowUpFigures(rows.Count, rows.Count(r => r.Status == "closed"), within,
            suppressed || rows.Count == 0 ? null : Math.Round((double)within / rows.Count, 4),
            suppressed || median is null ? null : Math.Round(median.Value, 1),
            contacted.Count, rows.Count(r => DueClock.IsOverdue(r.Status, r.DueAt, now)), suppressed);
    }
}
