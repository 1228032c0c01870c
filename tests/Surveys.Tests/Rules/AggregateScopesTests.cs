using Surveys.Figures;

namespace Surveys.Tests.Rules;

public class AggregateScopesTests
{
    [Fact]
    public void A_contact_counts_once_in_each_scope_with_officers_first_and_the_city_last()
    {
        var scopes = AggregateScopes.Of("N2", "traffic-stop", ["1011", "1004", "1011"]);

        Assert.Equal(
        [
            new("officer", "1004"), new("officer", "1011"), new("officer-type", "1004/traffic-stop"), new("officer-type", "1011/traffic-stop"),
            new("neighborhood-type", "N2/traffic-stop"), new("neighborhood", "N2"), new("city-type", "traffic-stop"), new AggregateScopes.Scope("city", ""),
        ], scopes);
    }

    [Fact]
    public void With_its_language_a_contact_also_counts_in_the_language_rows_which_keep_counts_only()
    {
        var scopes = AggregateScopes.Of("N2", "traffic-stop", ["1004"], "es");

        Assert.Equal(
        [
            new("officer", "1004"), new("officer-language", "1004/es"), new("officer-type", "1004/traffic-stop"),
            new("neighborhood-language", "N2/es"), new("neighborhood-type", "N2/traffic-stop"), new("neighborhood", "N2"),
            new("city-language", "es"), new("city-type", "traffic-stop"), new AggregateScopes.Scope("city", ""),
        ], scopes);
        Assert.Equal(["officer-language", "neighborhood-language", "city-language"], scopes.Where(s => AggregateScopes.CountsOnly(s.Name)).Select(s => s.Name));
    }

    [Fact]
    public void Lock_order_puts_the_rows_every_transaction_touches_last()
    {
        string[] names = [AggregateScopes.City, AggregateScopes.CityType, AggregateScopes.Neighborhood, AggregateScopes.NeighborhoodType, AggregateScopes.Officer];
        var sorted = names.Order(Comparer<string>.Create(AggregateScopes.CompareScopes)).ToArray();
        Assert.Equal([AggregateScopes.Officer, AggregateScopes.NeighborhoodType, AggregateScopes.Neighborhood, AggregateScopes.CityType, AggregateScopes.City], sorted);
    }
}
