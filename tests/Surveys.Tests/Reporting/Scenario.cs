using Surveys.Figures;

namespace Surveys.Tests.Reporting;

/// <summary>
/// A known agency month: October 2026 (September before it), Downtown with real improvement,
/// Riverside with too few trust answers, a neighborhood with no history at all, and the city.
/// </summary>
public static class Scenario
{
    public const string Month = "2026-10", Previous = "2026-09";

    /// <summary>Before every October invitation has expired (14 November): preliminary.</summary>
    public static readonly DateTimeOffset DuringGrace = new(2026, 11, 3, 15, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset AfterGrace = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset OctoberExpiry = new(2026, 11, 14, 12, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset SeptemberExpiry = new(2026, 10, 14, 12, 0, 0, TimeSpan.Zero);

    // Overall: 2, 4, 10, 40, 62 answers of 1..5 → mean 510 / 118 = 4.32, 102 of 118 positive = 86.4%.
    public static readonly int[] DowntownOctober = [2, 4, 10, 40, 62];
    public static readonly int[] DowntownSeptember = [12, 14, 24, 26, 24];
    // Trust answered by 7 residents only: mean would be 27 / 7 = 3.86, which must never print.
    public static readonly int[] RiversideTrust = [1, 0, 1, 2, 3];

    public static async Task SeedAsync(ReportDatabase db)
    {
        await db.NeighborhoodAsync("N1", "Downtown", "Lt. Ana Muñoz");
        await db.NeighborhoodAsync("N2", "Riverside", "Lt. Nguyễn Thị Lan");
        await db.NeighborhoodAsync("N9", "Harbor Point", null);

        await db.MonthAsync(FigureQuery.Neighborhood, "N1", Month, 412, 118, OctoberExpiry, ReportDatabase.AllItems(DowntownOctober));
        await db.MonthAsync(FigureQuery.Neighborhood, "N1", Previous, 380, 100, SeptemberExpiry, ReportDatabase.AllItems(DowntownSeptember));
        await db.MonthAsync(FigureQuery.Neighborhood, "N2", Month, 150, 41, OctoberExpiry,
            ReportDatabase.AllItems([3, 5, 9, 12, 12], new() { ["trust"] = RiversideTrust }));
        await db.MonthAsync(FigureQuery.Neighborhood, "N2", Previous, 140, 38, SeptemberExpiry, ReportDatabase.AllItems([3, 5, 8, 11, 11]));

        await db.MonthAsync(FigureQuery.City, "", Month, 562, 159, OctoberExpiry, ReportDatabase.AllItems([5, 9, 19, 52, 74]));
        await db.MonthAsync(FigureQuery.City, "", Previous, 520, 138, SeptemberExpiry, ReportDatabase.AllItems([15, 19, 32, 37, 35]));

        await db.MonthAsync(FigureQuery.CityType, "call-for-service", Month, 400, 120, OctoberExpiry, ReportDatabase.AllItems([3, 6, 14, 40, 57]));
        await db.MonthAsync(FigureQuery.CityType, "traffic-stop", Month, 162, 39, OctoberExpiry, ReportDatabase.AllItems([2, 3, 5, 12, 17]));
        await db.MonthAsync(FigureQuery.NeighborhoodType, "N1/call-for-service", Month, 300, 112, OctoberExpiry, ReportDatabase.AllItems([2, 4, 9, 38, 59]));
        // Six answers from traffic stops: the breakdown row must say so in words.
        await db.MonthAsync(FigureQuery.NeighborhoodType, "N1/traffic-stop", Month, 112, 6, OctoberExpiry, ReportDatabase.AllItems([0, 0, 1, 2, 3]));
    }
}
