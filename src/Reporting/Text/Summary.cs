using Surveys.Figures;
using Surveys.Reporting.Data;
using Surveys.Rules;

namespace Surveys.Reporting.Text;

/// <summary>
/// The "in brief" sentences: what changed, whether the change is more than noise, where to look.
/// A commander reads these first, so they say it in words and only with published figures.
/// </summary>
public static class Summary
{
    public static List<string> For(FigureSet now, FigureSet before, string place, ReportContext context)
    {
        var min = context.MinResponses;
        var lines = new List<string> { Volume(now, place, context.Month) };
        foreach (var (a, b) in new[]
        {
            (Headline.Overall(now), Headline.Overall(before)), (Headline.Trust(now), Headline.Trust(before)),
            (Headline.ProceduralJustice(now), Headline.ProceduralJustice(before)),
        })
            lines.Add(Movement(a, b, Format.MonthName(before.Month), min));
        return lines;
    }

    public static string Volume(FigureSet f, string place, string month) => f.Responses == 0
        ? $"No resident answered a survey about a contact in {place} in {Format.MonthName(month)} ({Format.Count(f.Invitations)} invited)."
        : $"{Format.Count(f.Responses)} residents answered out of {Format.Count(f.Invitations)} invited" +
          (f.ResponseRate is { } r ? $" (response rate {Format.Percent(r)})." : ".");

    public static string Movement(Measure now, Measure before, string previousMonth, int min)
    {
        if (now.Value is not { } value) return $"{now.Label}: withheld, {Format.Withheld(min)}.";
        var shown = now.Show(value);
        if (before.Value is not { } old) return $"{now.Label} {shown}; no comparison with {previousMonth} ({Format.Withheld(min)} then).";
        return Headline.Compare(now, before).Kind switch
        {
            ChangeKind.RealUp => $"{now.Label} rose from {now.Show(old)} in {previousMonth} to {shown}: more than the margin of error, a real rise.",
            ChangeKind.RealDown => $"{now.Label} fell from {now.Show(old)} in {previousMonth} to {shown}: more than the margin of error, a real fall.",
            _ => $"{now.Label} {shown} ({previousMonth}: {now.Show(old)}): the change is within the margin of error.",
        };
    }

    /// <summary>The weakest item, the weakest contact type, and items really below the city.</summary>
    public static IEnumerable<string> WhereToLook(FigureSet now, FigureSet city, IReadOnlyList<TypeFigures> types)
    {
        var items = Instrument.Items.Where(k => k != Instrument.Overall && now.Items[k].Mean is not null).ToList();
        if (items.Count > 0)
        {
            var lowest = items.MinBy(k => now.Items[k].Mean!.Value)!;
            var item = now.Items[lowest];
            yield return $"Lowest-rated item: \"{ItemLabels.Short(lowest)}\" (mean {Format.Mean(item.Mean!.Value)}, {Format.Percent(item.PctPositive!.Value)} positive).";
        }
        var below = Instrument.Items.Where(k => Headline.VsCity(Headline.Item(now, k)).Kind == ChangeKind.RealDown).ToList();
        if (below.Count > 0)
            yield return "Really below the rest of the city (the gap's 95% interval excludes zero): " + string.Join(", ", below.Select(k =>
                $"{ItemLabels.Short(k)} ({Format.Mean(now.Items[k].Mean!.Value)} vs {Format.Mean(city.Items[k].Mean!.Value)})")) + ".";
        var rated = types.Where(t => t.Figures.Items[Instrument.Overall].Mean is not null).ToList();
        if (rated.Count > 1)
        {
            var worst = rated.MinBy(t => t.Figures.Items[Instrument.Overall].Mean!.Value)!;
            yield return $"Least satisfied contact type: {Format.ContactType(worst.ContactType)} " +
                         $"(overall {Format.Mean(worst.Figures.Items[Instrument.Overall].Mean!.Value)}, n = {Format.Count(worst.Figures.Items[Instrument.Overall].N)}).";
        }
    }

    public static string Status(FigureSet f, string month) => f.Preliminary
        ? $"Preliminary: survey invitations for {Format.MonthName(month)} are still open, so these figures can still change."
        : $"Final: every invitation for {Format.MonthName(month)} has closed; these figures will not change.";

    /// <summary>Says that contacts came too late to be counted anywhere, so no final figure changed silently.</summary>
    public static string? Late(IReadOnlyList<LateMonth> late, string month)
    {
        if (late.Count == 0) return null;
        var total = late.Sum(l => l.Contacts);
        var which = string.Join(", ", late.Select(l => $"{Format.Count(l.Contacts)} for {Format.MonthName(l.Month)}"));
        return $"{Format.Count(total)} contact{(total == 1 ? "" : "s")} for earlier months arrived in {Format.MonthName(month)} after " +
               $"those months had closed ({which}): recorded, but not surveyed and not counted in any figures.";
    }
}
