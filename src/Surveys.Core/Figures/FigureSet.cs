namespace Surveys.Figures;

/// <summary>The body of every stats call (api-contract.md, "Figures"); reports print the same object.</summary>
public sealed record FigureSet(
    string Scope,
    string? Code,
    string Month,
    bool Preliminary,
    long Invitations,
    long Responses,
    double? ResponseRate,
    IReadOnlyDictionary<string, ItemFigures> Items,
    double? TrustIndex,
    double? ProceduralJusticeIndex)
{
    /// <summary>Neighborhood and city calls only (api-contract.md, "Follow-up requests"); left out elsewhere.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Surveys.FollowUps.FollowUpFigures? FollowUps { get; init; }
}

/// <summary>
/// One survey item. Suppressed (n below MinResponses): n is kept, every other figure is null.
/// Distribution counts answers 1..5 (also withheld when suppressed).
/// </summary>
public sealed record ItemFigures(
    long N,
    double? Mean,
    double[]? Ci95,
    double? PctPositive,
    double[]? PctPositiveCi95,
    bool Suppressed,
    long[]? Distribution);

/// <summary>Raw sums for one item in one scope and month, as the aggregates table holds them.</summary>
public sealed record ItemTotals(string Item, long N, long Total, long TotalSq, long Positives, long C1, long C2, long C3, long C4, long C5);
