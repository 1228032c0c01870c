using System.Data.Common;
using Dapper;
using Surveys.Figures;

namespace Surveys.Reporting.Data;

public sealed record NeighborhoodRow(Neighborhood Neighborhood, FigureSet Current, FigureSet Previous);

/// <summary>What the city-month report prints: city figures, trends, and every neighborhood.</summary>
public sealed record CityData(
    ReportContext Context,
    IReadOnlyList<FigureSet> Trend,
    IReadOnlyList<NeighborhoodRow> Neighborhoods,
    IReadOnlyList<TypeFigures> Types,
    IReadOnlyList<LateMonth> Late)
{
    public FigureSet Current => Trend[^1];
    public FigureSet Previous => Trend[^2];
    public Surveys.FollowUps.FollowUpFigures FollowUps { get; init; } = Surveys.FollowUps.FollowUpFigures.Compute([], 0, default);
    public CommunityLoop Loop { get; init; } = new([], []);

    public static async Task<CityData> LoadAsync(DbConnection db, ReportContext context)
    {
        const string neighborhoodsSql = "SELECT code, name, lieutenant FROM neighborhoods ORDER BY code";
        var trend = await NeighborhoodData.LoadTrendAsync(db, FigureQuery.City, "", context);
        var rows = new List<NeighborhoodRow>();
        foreach (var n in await db.QueryAsync<Neighborhood>(neighborhoodsSql))
        {
            var current = await FigureQuery.LoadAsync(db, FigureQuery.Neighborhood, n.Code, context.Month, context.Options, context.Now);
            var previous = await FigureQuery.LoadAsync(db, FigureQuery.Neighborhood, n.Code, context.PreviousMonth, context.Options, context.Now);
            rows.Add(new NeighborhoodRow(n, current, previous));
        }
        var types = await NeighborhoodData.LoadTypesAsync(db, null, context);
        var followUps = await Surveys.FollowUps.FollowUpFigures.LoadAsync(db, null, context.Month, context.MinResponses, context.Now);
        return new CityData(context, trend, rows, types, await LateContacts.LoadAsync(db, null, context)) { FollowUps = followUps, Loop = await CommunityLoop.LoadAsync(db, null, context) };
    }
}
