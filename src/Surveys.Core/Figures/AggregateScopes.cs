namespace Surveys.Figures;

/// <summary>
/// The write side of the aggregates, in one place for both writers (intake counts invitations,
/// the worker counts responses): which scope rows a contact counts in, and the one order in which
/// every transaction locks them.
/// </summary>
public static class AggregateScopes
{
    public const string City = "city", Neighborhood = "neighborhood", Officer = "officer",
        NeighborhoodType = "neighborhood-type", CityType = "city-type";

    public readonly record struct Scope(string Name, string Key);

    /// <summary>
    /// The rows a contact (its invitation, later its response) counts in: the city, its
    /// neighborhood, its contact type city-wide and per neighborhood, and each distinct officer,
    /// returned in lock order.
    /// </summary>
    public static IReadOnlyList<Scope> Of(string neighborhood, string contactType, IEnumerable<string> badges)
    {
        var scopes = new List<Scope>
        {
            new(City, ""), new(Neighborhood, neighborhood),
            new(CityType, contactType), new(NeighborhoodType, $"{neighborhood}/{contactType}"),
        };
        scopes.AddRange(badges.Distinct(StringComparer.Ordinal).Select(b => new Scope(Officer, b)));
        scopes.Sort((a, b) => CompareScopes(a.Name, b.Name) is var c and not 0 ? c : string.CompareOrdinal(a.Key, b.Key));
        return scopes;
    }

    /// <summary>
    /// One fixed order so concurrent transactions never deadlock, with the rows every transaction
    /// touches (city-wide) last, so they are held only for the moment before commit and writers
    /// queue on them as briefly as possible. Within a rank, ordinal by name.
    /// </summary>
    public static int CompareScopes(string a, string b) =>
        LockRank(a) != LockRank(b) ? LockRank(a).CompareTo(LockRank(b)) : string.CompareOrdinal(a, b);

    static int LockRank(string scope) => scope switch
    {
        Officer => 0, NeighborhoodType => 1, Neighborhood => 2, CityType => 3, City => 4, _ => 0,
    };
}
