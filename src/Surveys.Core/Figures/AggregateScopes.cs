namespace Surveys.Figures;

/// <summary>
/// The write side of the aggregates, in one place for both writers (intake counts invitations,
/// the worker counts responses): which scope rows a contact counts in, and the one order in which
/// every transaction locks them.
/// </summary>
public static class AggregateScopes
{
    public const string City = "city", Neighborhood = "neighborhood", Officer = "officer",
        NeighborhoodType = "neighborhood-type", CityType = "city-type", OfficerType = "officer-type",
        CityLanguage = "city-language", NeighborhoodLanguage = "neighborhood-language", OfficerLanguage = "officer-language",
        // An event survey's answers (key = event id): only ever this one scope, never a contact's.
        Event = "event";

    public readonly record struct Scope(string Name, string Key);

    /// <summary>
    /// The rows a contact (its invitation, later its response) counts in: the city, its
    /// neighborhood, its contact type city-wide and per neighborhood, each distinct officer and
    /// officer × contact type (officer figures are adjusted for what they were sent to), and, when
    /// the language is given, the language city-wide, per neighborhood and per officer (counts
    /// only: who answered). Returned in lock order.
    /// </summary>
    public static IReadOnlyList<Scope> Of(string neighborhood, string contactType, IEnumerable<string> badges, string? language = null)
    {
        var scopes = new List<Scope>
        {
            new(City, ""), new(Neighborhood, neighborhood),
            new(CityType, contactType), new(NeighborhoodType, $"{neighborhood}/{contactType}"),
        };
        var distinct = badges.Distinct(StringComparer.Ordinal).ToList();
        scopes.AddRange(distinct.Select(b => new Scope(Officer, b)));
        scopes.AddRange(distinct.Select(b => new Scope(OfficerType, $"{b}/{contactType}")));
        if (language is not null)
        {
            scopes.Add(new(CityLanguage, language));
            scopes.Add(new(NeighborhoodLanguage, $"{neighborhood}/{language}"));
            scopes.AddRange(distinct.Select(b => new Scope(OfficerLanguage, $"{b}/{language}")));
        }
        scopes.Sort((a, b) => CompareScopes(a.Name, b.Name) is var c and not 0 ? c : string.CompareOrdinal(a.Key, b.Key));
        return scopes;
    }

    /// <summary>Language scopes keep invitations and responses only: no item sums are needed for a response rate.</summary>
    public static bool CountsOnly(string scope) => scope is CityLanguage or NeighborhoodLanguage or OfficerLanguage;

    /// <summary>
    /// One fixed order so concurrent transactions never deadlock, with the rows every transaction
    /// touches (city-wide) last, so they are held only for the moment before commit and writers
    /// queue on them as briefly as possible. Within a rank, ordinal by name.
    /// </summary>
    public static int CompareScopes(string a, string b) =>
        LockRank(a) != LockRank(b) ? LockRank(a).CompareTo(LockRank(b)) : string.CompareOrdinal(a, b);

    static int LockRank(string scope) => scope switch
    {
        Officer or OfficerType or OfficerLanguage => 0, NeighborhoodType or NeighborhoodLanguage => 1, Neighborhood => 2,
        CityType or CityLanguage => 3, City => 4, _ => 0,
    };
}
