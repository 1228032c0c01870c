using System.Text.Json.Serialization;

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

    /// <summary>Invitations and responses by the contact's language (who answered); empty for contact-type scopes.</summary>
    public IReadOnlyDictionary<string, LanguageRate> ByLanguage { get; init; } = new Dictionary<string, LanguageRate>();

    /// <summary>Officer calls only: the officer against what the department's rates predict for their contact-type mix.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AdjustedFigures? Adjusted { get; init; }
}

/// <summary>A language's response rate with its 95% Wilson interval (null without invitations).</summary>
public sealed record LanguageRate(long Invitations, long Responses, double? ResponseRate, double[]? ResponseRateCi95);

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
    long[]? Distribution)
{
    /// <summary>Against the previous month; null when either month is suppressed (and for contact-type scopes).</summary>
    public ItemDifference? Change { get; init; }

    /// <summary>A neighborhood against the rest of the city; null when either side is suppressed, and for other scopes.</summary>
    public ItemDifference? VsCity { get; init; }
}

/// <summary>
/// A difference (this − that) with its own 95% interval (docs/figures.md): Welch for the mean,
/// Newcombe's method 10 for % positive. <c>Significant</c> is the mean's test (what the reports
/// print as "changed"); <c>PctPositiveSignificant</c> the percentage's.
/// </summary>
public sealed record ItemDifference(string Against, double Mean, double[] MeanCi95, double PctPositive, double[] PctPositiveCi95,
    bool Significant, bool PctPositiveSignificant);

/// <summary>Raw sums for one item in one scope and month, as the aggregates table holds them.</summary>
/// <summary>One aggregates row as FigureQuery reads it (scope key implied by the query).</summary>
public sealed record AggregateRow(string Scope, string Month, string Item, long N, long Total, long TotalSq, long Positives, long C1, long C2, long C3, long C4, long C5)
{
    public ItemTotals Totals => new(Item, N, Total, TotalSq, Positives, C1, C2, C3, C4, C5);
}

public sealed record ItemTotals(string Item, long N, long Total, long TotalSq, long Positives, long C1, long C2, long C3, long C4, long C5);
