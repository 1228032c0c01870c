namespace Surveys.Reporting.Text;

/// <summary>What each instrument key is called in print (the default English wording of product.md).</summary>
public static class ItemLabels
{
    static readonly Dictionary<string, (string Short, string Question)> Labels = new()
    {
        ["overall"] = ("Overall satisfaction", "Overall, how satisfied are you with how your contact was handled?"),
        ["respect"] = ("Dignity and respect", "The officer treated me with dignity and respect."),
        ["voice"] = ("Listened", "The officer listened to what I had to say."),
        ["fairness"] = ("Fairness", "The officer treated me fairly."),
        ["explanation"] = ("Explained next steps", "The officer explained what would happen next."),
        ["trust"] = ("Trust in the department", "I trust the department to do what is right for my neighborhood."),
    };

    public static string Short(string key) => Labels.TryGetValue(key, out var l) ? l.Short : key;
    public static string Question(string key) => Labels.TryGetValue(key, out var l) ? l.Question : key;
}
