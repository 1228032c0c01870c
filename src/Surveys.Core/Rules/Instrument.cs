namespace Surveys.Rules;

/// <summary>The default survey instrument: stable keys shared by the API, the aggregates and reports.</summary>
public static class Instrument
{
    public const string Overall = "overall";
    public const string Trust = "trust";

    public static readonly IReadOnlyList<string> Items = ["overall", "respect", "voice", "fairness", "explanation", "trust"];
    public static readonly IReadOnlyList<string> ProceduralJustice = ["respect", "voice", "fairness", "explanation"];

    public const int MaxCommentLength = 2000;

    public static bool IsItem(string key) => Items.Contains(key);
}
