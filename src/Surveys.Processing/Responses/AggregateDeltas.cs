using Surveys.Contracts;
using Surveys.Figures;

namespace Surveys.Processing.Responses;

/// <summary>
/// Adds up, in memory, what a batch changes in the monthly aggregates, so each aggregate row is
/// written once per batch. A response counts in the city, its neighborhood, each responding
/// officer, and its contact type (city-wide, per neighborhood and per officer); its language
/// counts a response only (AggregateScopes).
/// </summary>
public sealed class AggregateDeltas
{
    public sealed record ItemKey(string Scope, string ScopeKey, string Month, string Item);
    public sealed record CountKey(string Scope, string ScopeKey, string Month);
    public sealed class Delta { public long N, Total, TotalSq, Positives; public readonly long[] C = new long[5]; }

    public SortedDictionary<ItemKey, Delta> Items { get; } = new(Comparer<ItemKey>.Create(Compare));
    public SortedDictionary<CountKey, long> Responses { get; } = new(Comparer<CountKey>.Create(Compare));

    public void Add(SurveyResponseSubmitted response, string month, string neighborhood, string contactType, IEnumerable<string> badges,
        string? language = null)
    {
        foreach (var (scope, key) in AggregateScopes.Of(neighborhood, contactType, badges, language))
        {
            var countKey = new CountKey(scope, key, month);
            Responses[countKey] = Responses.GetValueOrDefault(countKey) + 1;
            if (AggregateScopes.CountsOnly(scope)) continue;
            AddItems(response, scope, key, month);
        }
    }

    /// <summary>
    /// An event answer: item sums in the event's own scope only (docs/events.md). No response
    /// count either: the event's n is its items' n, and no contact's monthly count changes.
    /// </summary>
    public void AddEvent(SurveyResponseSubmitted response, string month, string eventId) => AddItems(response, AggregateScopes.Event, eventId, month);

    void AddItems(SurveyResponseSubmitted response, string scope, string key, string month)
    {
        foreach (var (item, value) in response.Answers)
        {
            var itemKey = new ItemKey(scope, key, month, item);
            if (!Items.TryGetValue(itemKey, out var d)) Items[itemKey] = d = new Delta();
            d.N++; d.Total += value; d.TotalSq += value * value; d.C[value - 1]++;
            if (value >= 4) d.Positives++;
        }
    }

    // AggregateScopes' lock order, the same as intake's: no deadlocks between concurrent batches,
    // and the city-wide rows that every batch touches are locked last and held the shortest.
    static int Compare(ItemKey? a, ItemKey? b) =>
        AggregateScopes.CompareScopes(a!.Scope, b!.Scope) is var c and not 0 ? c : string.CompareOrdinal($"{a.ScopeKey}\u0001{a.Month}\u0001{a.Item}", $"{b.ScopeKey}\u0001{b.Month}\u0001{b.Item}");
    static int Compare(CountKey? a, CountKey? b) =>
        AggregateScopes.CompareScopes(a!.Scope, b!.Scope) is var c and not 0 ? c : string.CompareOrdinal($"{a.ScopeKey}\u0001{a.Month}", $"{b.ScopeKey}\u0001{b.Month}");
}
