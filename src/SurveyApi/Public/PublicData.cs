using System.Data.Common;
using Dapper;
using Surveys.Figures;
using Surveys.FollowUps;
using Surveys.Rules;

namespace Surveys.Api.Public;

/// <summary>A neighborhood's (or, with a null code, the city's) month on the public pages.</summary>
public sealed record PublicMonth(FigureSet Figures, FollowUpFigures FollowUps, long Meetings);

public sealed record PublicProblem(string Stage, string Title, string? Neighborhood);

/// <summary>
/// Everything a public page prints, read before rendering. Every figure comes from FigureQuery and
/// FollowUpFigures (the stats API's own code); this file only chooses the months and reads the
/// two public lists (meetings held, problems with an approved public title).
/// </summary>
public sealed record PublicData(string? Code, string? Name, IReadOnlyList<PublicMonth> Months, IReadOnlyList<PublicProblem> Problems,
    IReadOnlyList<(string Code, string Name)> Neighborhoods)
{
    public const int TrendMonths = 12;

    /// <summary>The latest month whose overall figure is shown (else the latest with any answer, else the current one): the headline and the language table.</summary>
    public PublicMonth Latest => Months.LastOrDefault(m => !m.Figures.Items[Instrument.Overall].Suppressed)
        ?? Months.LastOrDefault(m => m.Figures.Responses > 0) ?? Months[^1];

    /// <summary>Null for an unknown neighborhood; a null <paramref name="code"/> is the city.</summary>
    public static async Task<PublicData?> LoadAsync(DbConnection db, string? code, SurveysOptions o, DateTimeOffset now)
    {
        const string namesSql = "SELECT code, name FROM neighborhoods ORDER BY code";
        var neighborhoods = (await db.QueryAsync<(string Code, string Name)>(namesSql)).ToList();
        string? name = null;
        if (code is not null && (name = neighborhoods.FirstOrDefault(n => n.Code == code).Name) is null) return null;

        // The twelve months ending with the current one (never a month still to come).
        var current = Rules.Months.Of(now, o.Zone);
        var held = await MeetingsAsync(db, code, Rules.Months.Shift(current, -(TrendMonths - 1)), current, now);
        var months = new List<PublicMonth>(TrendMonths);
        for (var back = TrendMonths - 1; back >= 0; back--)
        {
            var month = Rules.Months.Shift(current, -back);
            var figures = code is null
                ? await FigureQuery.LoadAsync(db, FigureQuery.City, "", month, o, now)
                : await FigureQuery.LoadAsync(db, FigureQuery.Neighborhood, code, month, o, now);
            var followUps = await FollowUpFigures.LoadAsync(db, code, month, o.MinResponses, now);
            months.Add(new PublicMonth(figures, followUps, held.GetValueOrDefault(month)));
        }
        return new PublicData(code, name, months, await ProblemsAsync(db, code), code is null ? neighborhoods : []);
    }

    // Meetings that have taken place (starts_at passed), by the event's agency-zone month; the city counts every event.
    static async Task<Dictionary<string, long>> MeetingsAsync(DbConnection db, string? code, string from, string to, DateTimeOffset now)
    {
        const string sql = """
            SELECT month, COUNT(*) FROM events
            WHERE month >= @From AND month <= @To AND starts_at <= @Now AND (@Code IS NULL OR neighborhood = @Code)
            GROUP BY month
            """;
        var rows = await db.QueryAsync<(string Month, long Count)>(sql, new { From = from, To = to, Now = now.ToUnixTimeMilliseconds(), Code = code });
        return rows.ToDictionary(r => r.Month, r => r.Count);
    }

    // Only a title a chief or administrator approved for the public; never the internal title or description.
    static async Task<IReadOnlyList<PublicProblem>> ProblemsAsync(DbConnection db, string? code)
    {
        const string sql = """
            SELECT p.stage, p.public_title AS Title, n.name AS Neighborhood
            FROM problems p LEFT JOIN neighborhoods n ON n.code = p.neighborhood
            WHERE p.public_title IS NOT NULL AND p.public_title <> '' AND p.public_title_approved_by IS NOT NULL
              AND (@Code IS NULL OR p.neighborhood = @Code)
            ORDER BY p.updated_at DESC, p.id
            """;
        return (await db.QueryAsync<PublicProblem>(sql, new { Code = code })).ToList();
    }
}
