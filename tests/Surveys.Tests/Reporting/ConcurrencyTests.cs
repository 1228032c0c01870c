using Surveys.Reporting;

namespace Surveys.Tests.Reporting;

public class ConcurrencyTests
{
    /// <summary>The API renders for several requests at once; fonts and PDFsharp state are shared.</summary>
    [Fact]
    public async Task Reports_rendered_at_the_same_time_are_identical_to_one_rendered_alone()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await Scenario.SeedAsync(db);
        async Task<string> RenderAsync(string code, int i)
        {
            await using var connection = await db.Db.OpenAsync();
            var pdf = await TrustReports.NeighborhoodAsync(connection, code, Scenario.Month, db.Options, Scenario.DuringGrace);
            return await PdfTools.TextAsync(pdf!, $"concurrent-{code}-{i}");
        }

        var alone = new Dictionary<string, string> { ["N1"] = await RenderAsync("N1", 0), ["N2"] = await RenderAsync("N2", 0) };
        var together = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            var code = i % 2 == 0 ? "N1" : "N2";
            return (Code: code, Text: await RenderAsync(code, i));
        })));

        foreach (var (code, text) in together) Assert.Equal(alone[code], text);
    }
}
