using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Surveys.Figures;
using Surveys.Reporting.Text;

namespace Surveys.Tests.Public;

/// <summary>Reads the public pages' data tables back, and words the stats API's figures the way the page must print them.</summary>
public static partial class PublicHtmlReader
{
    /// <summary>The cells of the row headed by <paramref name="rowStart"/> in the section labelled <paramref name="sectionId"/>.</summary>
    public static IReadOnlyList<string> Row(string html, string sectionId, string rowStart)
    {
        var section = Regex.Match(html, $"<section[^>]*aria-labelledby=\"{Regex.Escape(sectionId)}\".*?</section>", RegexOptions.Singleline);
        Assert.True(section.Success, $"section {sectionId}");
        foreach (Match row in RowPattern().Matches(section.Value))
            if (WebUtility.HtmlDecode(row.Groups[1].Value).StartsWith(rowStart, StringComparison.Ordinal))
                return CellPattern().Matches(row.Groups[2].Value).Select(c => WebUtility.HtmlDecode(c.Groups[1].Value)).ToList();
        throw new Xunit.Sdk.XunitException($"no row '{rowStart}' in {sectionId}");
    }

    public static FigureSet Figures(JsonElement stats) => stats.Deserialize<FigureSet>(JsonSerializerOptions.Web)!;

    /// <summary>What the Value and 95% range cells must say for a measure, straight from the stats body's numbers.</summary>
    public static (string Value, string Range) Expected(JsonElement stats, string key, int min)
    {
        var f = Figures(stats);
        var inv = CultureInfo.InvariantCulture;
        switch (key)
        {
            case "Overall":
                var overall = stats.GetProperty("items").GetProperty("overall");
                if (overall.GetProperty("suppressed").GetBoolean()) return ("not shown", "");
                var ci = overall.GetProperty("ci95");
                return (overall.GetProperty("mean").GetDouble().ToString("0.00", inv), $"{ci[0].GetDouble().ToString("0.00", inv)}–{ci[1].GetDouble().ToString("0.00", inv)}");
            case "Trust":
            case "ProceduralJustice":
                var index = stats.GetProperty(key == "Trust" ? "trustIndex" : "proceduralJusticeIndex");
                if (index.ValueKind == JsonValueKind.Null) return ("not shown", "");
                var m = key == "Trust" ? Headline.Trust(f) : Headline.ProceduralJustice(f);
                return (index.GetDouble().ToString("0.0", inv), Format.Interval(m.Ci!, Format.Index));
            default:
                var rate = stats.GetProperty("responseRate");
                if (rate.ValueKind == JsonValueKind.Null) return ("no answers", "");
                if (stats.GetProperty("responses").GetInt64() < min) return ("not shown", "");
                return ((rate.GetDouble() * 100).ToString("0.0", inv) + "%", Format.Interval(Headline.ResponseRate(f).Ci!, Format.Percent));
        }
    }

    [GeneratedRegex("<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();
}
