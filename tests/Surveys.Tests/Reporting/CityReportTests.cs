using Surveys.Figures;
using Surveys.Reporting;
using Surveys.Reporting.Text;
using Surveys.Rules;

namespace Surveys.Tests.Reporting;

public class CityReportTests
{
    [Fact]
    public async Task City_report_prints_city_figures_and_ranks_every_neighborhood()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await Scenario.SeedAsync(db);
        await using var connection = await db.Db.OpenAsync();
        var pdf = await TrustReports.CityAsync(connection, Scenario.Month, db.Options, Scenario.DuringGrace);
        var text = await PdfTools.TextAsync(pdf, "city");
        var city = await db.FiguresAsync(FigureQuery.City, "", Scenario.Month, Scenario.DuringGrace);
        var n1 = await db.FiguresAsync(FigureQuery.Neighborhood, "N1", Scenario.Month, Scenario.DuringGrace);
        var n2 = await db.FiguresAsync(FigureQuery.Neighborhood, "N2", Scenario.Month, Scenario.DuringGrace);

        Assert.Contains("City-wide trust report", text);
        Assert.Contains("PRELIMINARY", text);
        foreach (var key in Instrument.Items)
            Assert.Contains($"{ItemLabels.Short(key)} {city.Items[key].N} {Format.Mean(city.Items[key].Mean!.Value)}", text);
        Assert.Contains(Format.Index(city.TrustIndex!.Value), text);

        // Downtown (4.32) ranks above Riverside; Harbor Point has no figures and is listed unranked.
        var downtown = text.IndexOf("1 Downtown (N1) 118", StringComparison.Ordinal);
        var riverside = text.IndexOf("2 Riverside (N2) 41", StringComparison.Ordinal);
        var harbor = text.IndexOf("– Harbor Point (N9) 0", StringComparison.Ordinal);
        Assert.True(downtown >= 0 && riverside > downtown && harbor > riverside, text);
        Assert.Contains($"{Format.Mean(n1.Items[Instrument.Overall].Mean!.Value)} ({Format.Interval(n1.Items[Instrument.Overall].Ci95!, Format.Mean)})", text);
        Assert.Contains($"{Format.Mean(n2.Items[Instrument.Overall].Mean!.Value)} ({Format.Interval(n2.Items[Instrument.Overall].Ci95!, Format.Mean)})", text);
        // Riverside's trust is withheld: marked, explained in words, never a number.
        Assert.Contains("* withheld: fewer than 10 responses", text);
        Assert.DoesNotContain("3.86", text);
        Assert.Contains("2 of 3 neighborhoods have figures this month; 1 are withheld (fewer than 10 responses).", text);
        // Comments never reach the city report.
        Assert.DoesNotContain("What residents said", text);
        await PdfTools.AssertValidAsync(pdf, "city");
    }

    [Fact]
    public async Task City_report_of_an_agency_without_neighborhoods_or_data_renders()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await using var connection = await db.Db.OpenAsync();
        var pdf = await TrustReports.CityAsync(connection, Scenario.Month, db.Options, Scenario.AfterGrace);
        var text = await PdfTools.TextAsync(pdf, "city-empty");
        Assert.Contains("No neighborhood is configured yet.", text);
        Assert.Contains("No resident answered", text);
        await PdfTools.AssertValidAsync(pdf, "city-empty");
    }
}
