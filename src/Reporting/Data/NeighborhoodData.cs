using System.Data.Common;
using Dapper;
using Surveys.Figures;
using Surveys.Rules;

namespace Surveys.Reporting.Data;

public sealed record Neighborhood(string Code, string Name, string? Lieutenant);

public sealed record TypeFigures(string ContactType, FigureSet Figures);

/// <summary>What a neighborhood-month report prints, all of it read before drawing starts.</summary>
public sealed record NeighborhoodData(
    ReportContext Context,
    Neighborhood Neighborhood,
    IReadOnlyList<FigureSet> Trend,
    IReadOnlyList<FigureSet> CityTrend,
    IReadOnlyList<TypeFigures> Types,
    IReadOnlyList<string> Comments,
    IReadOnlyList<LateMonth> Late)
{
    public FigureSet Current => Trend[^1];
    public FigureSet Previous => Trend[^2];
    public FigureSet City => CityTrend[^1];
    public Surveys.FollowUps.FollowUpFigures FollowUps { get; init; } = Surveys.FollowUps.FollowUpFigures.Compute([], 0, default);
    public CommunityLoop Loop { get; init; } = new([], []);

    public const int TrendMonths = 12;

    /// <summary>
    /// Every figure comes from FigureQuery (the stats API's own code) over the aggregates: a fixed
    /// number of primary-key look-ups whatever the month's volume. Null for an unknown neighborhood.
    /// </summary>
    public static async Task<NeighborhoodData?> LoadAsync(DbConnection db, string code, ReportContext context)
    {
        const string neighborhoodSql = "SELECT code, name, lieutenant FROM neighborhoods WHERE code = @Code";
        var neighborhood = await db.QuerySingleOrDefaultAsync<Neighborhood>(neighborhoodSql, new { Code = code });
        if (neighborhood is null) return null;

        var trend = await LoadTrendAsync(db, FigureQuery.Neighborhood, code, context);
        var cityTrend = await LoadTrendAsync(db, FigureQuery.City, "", context);
        var types = await LoadTypesAsync(db, code, context);
        var comments = await Data.Comments.LoadAsync(db, code, context.Month);
        var late = await LateContacts.LoadAsync(db, code, context);
        var followUps = await Surveys.FollowUps.FollowUpFigures.LoadAsync(db, code, context.Month, context.MinResponses, context.Now);
        var loop = await CommunityLoop.LoadAsync(db, code, context);
        return new NeighborhoodData(context, neighborhood, trend, cityTrend, types, comments, late) { FollowUps = followUps, Loop = loop };
    }

    public static async Task<IReadOnlyList<FigureSet>> LoadTrendAsync(DbConnection db, string scope, string key, ReportContext context)
    {
        var sets = new List<FigureSet>(TrendMonths);
        for (var back = TrendMonths - 1; back >= 0; back--)
            sets.Add(await FigureQuery.LoadAsync(db, scope, key, Months.Shift(context.Month, -back), context.Options, context.Now));
        return sets;
    }

    /// <summary>
    /// Contact types seen city-wide that month (a handful of rows), then this neighborhood's
    /// figures for each; types it had no invitation or response for are left out.
    /// </summary>
    public static async Task<IReadOnlyList<TypeFigures>> LoadTypesAsync(DbConnection db, string? code, ReportContext context)
    {
        const string typesSql = """
            SELECT scope_key FROM monthly_counts
            WHERE scope = 'city-type' AND month = @Month
            ORDER BY scope_key
            """;
        var result = new List<TypeFigures>();
        foreach (var type in await db.QueryAsync<string>(typesSql, new { context.Month }))
        {
            var figures = code is null
                ? await FigureQuery.LoadAsync(db, FigureQuery.CityType, type, context.Month, context.Options, context.Now)
                : await FigureQuery.LoadAsync(db, FigureQuery.NeighborhoodType, $"{code}/{type}", context.Month, context.Options, context.Now);
            if (figures.Invitations > 0 || figures.Responses > 0) result.Add(new TypeFigures(type, figures));
        }
        return result;
    }
}

/// <summary>The month, the settings and the instant a report is produced for.</summary>
public sealed record ReportContext(string Month, SurveysOptions Options, DateTimeOffset Now)
{
    public int MinResponses => Options.MinResponses;
    public string Agency => Options.AgencyName;
    public TimeZoneInfo Zone => Options.Zone;
    public string PreviousMonth => Months.Shift(Month, -1);
    /// <summary>The agency-zone date the report is produced on (yyyy-MM-dd, as action due dates are kept).</summary>
    public string Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, Zone).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
