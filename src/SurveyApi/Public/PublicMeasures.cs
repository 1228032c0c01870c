using System.Globalization;
using Surveys.Figures;
using Surveys.Reporting.Text;

namespace Surveys.Api.Public;

/// <summary>
/// The four trends the public pages chart, as the PDFs compute them (Headline over a FigureSet).
/// The response rate is withheld below MinResponses answers as the items are: a rate over a
/// handful of answers would give away their number.
/// </summary>
public static class PublicMeasures
{
    public const string ResponseRate = "ResponseRate", Overall = "Overall", Trust = "Trust", ProceduralJustice = "ProceduralJustice";
    public static readonly IReadOnlyList<string> Keys = [ResponseRate, Overall, Trust, ProceduralJustice];

    public static Measure Measure(string key, FigureSet f, int min) => key switch
    {
        ResponseRate => f.Responses >= min ? Headline.ResponseRate(f) : Headline.ResponseRate(f) with { Value = null, Ci = null },
        Overall => Headline.Overall(f),
        Trust => Headline.Trust(f),
        ProceduralJustice => Headline.ProceduralJustice(f),
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    public static IEnumerable<(string Key, Measure Measure)> Of(FigureSet f, int min) => Keys.Select(k => (k, Measure(k, f, min)));

    public static (double Min, double Max) Scale(string key) => key switch
    {
        ResponseRate => (0, 1),
        Overall => (1, 5),
        _ => (0, 100),
    };

    public static string Tick(string key, double v) => key switch
    {
        ResponseRate => (v * 100).ToString("0", CultureInfo.InvariantCulture) + "%",
        Overall => v.ToString("0", CultureInfo.InvariantCulture),
        _ => v.ToString("0", CultureInfo.InvariantCulture),
    };
}
