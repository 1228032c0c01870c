using Surveys.Rules;

namespace Surveys.Api.Figures;

/// <summary>The window of months officer figures are adjusted over: ?from=&amp;to=, by default the six months ending with the month asked for.</summary>
public static class OfficerWindow
{
    public const int DefaultMonths = 6, MaxMonths = 36;

    /// <summary>Null (with the errors named) when a month is malformed, the window runs backwards or is over three years.</summary>
    public static (string From, string To)? Parse(string? from, string? to, string month, FieldErrors errors)
    {
        const string form = "must be a month in the form YYYY-MM, e.g. 2026-10.";
        if (from is not null && !Months.TryParse(from, out _)) errors["from"] = [form];
        if (to is not null && !Months.TryParse(to, out _)) errors["to"] = [form];
        if (to is null && !Months.TryParse(month, out _)) errors["month"] = [form];
        if (errors.Count > 0) return null;
        to ??= month;
        from ??= Months.Shift(to, -(DefaultMonths - 1));
        Months.TryParse(from, out var first);
        Months.TryParse(to, out var last);
        var span = (last.Year - first.Year) * 12 + last.Month - first.Month + 1;
        if (span < 1) errors["from"] = ["must not be after to."];
        else if (span > MaxMonths) errors["from"] = [$"must be at most {MaxMonths} months before to."];
        return errors.Count > 0 ? null : (from, to);
    }
}
