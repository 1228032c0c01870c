using Surveys.Figures;
using Surveys.Reporting;
using Surveys.Reporting.Text;
using Surveys.Rules;

namespace Surveys.Tests.Reporting;

public class NeighborhoodReportTests
{
    static async Task<byte[]> RenderAsync(ReportDatabase db, string code, DateTimeOffset now, string month = Scenario.Month)
    {
        await using var connection = await db.Db.OpenAsync();
        return await TrustReports.NeighborhoodAsync(connection, code, month, db.Options, now) ?? throw new InvalidOperationException("no such neighborhood");
    }

    [Fact]
    public async Task Neighborhood_report_prints_the_figures_the_stats_call_returns()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await Scenario.SeedAsync(db);
        var text = await PdfTools.TextAsync(await RenderAsync(db, "N1", Scenario.DuringGrace), "n1-figures");
        var f = await db.FiguresAsync(FigureQuery.Neighborhood, "N1", Scenario.Month, Scenario.DuringGrace);

        // Worked by hand from the known answers, so the check does not lean on the code it checks.
        Assert.Equal(4.32, f.Items[Instrument.Overall].Mean);
        Assert.Contains("4.32", text);
        Assert.Contains("86.4%", text);
        Assert.Contains("118", text);
        Assert.Contains("412", text);

        // Every published figure of every item, as the stats API returns it.
        foreach (var key in Instrument.Items)
        {
            var item = f.Items[key];
            Assert.Contains($"{ItemLabels.Short(key)} {item.N} {Format.Mean(item.Mean!.Value)} {Format.Interval(item.Ci95!, Format.Mean)} " +
                            $"{Format.Percent(item.PctPositive!.Value)} {Format.Interval(item.PctPositiveCi95!, Format.Percent)}", text);
        }
        Assert.Contains(Format.Percent(f.ResponseRate!.Value), text);
        Assert.Contains(Format.Index(f.TrustIndex!.Value), text);
        Assert.Contains(Format.Index(f.ProceduralJusticeIndex!.Value), text);
        Assert.Contains("Downtown (N1)", text);
        Assert.Contains("Lt. Ana Muñoz", text);
        Assert.Contains("Eastham Police Department", text);
        Assert.Contains("October 2026", text);

        // September was clearly worse: the intervals do not overlap, so the rise is called real.
        Assert.Contains("real rise", text);
        Assert.Contains("Overall satisfaction rose from", text);
    }

    [Fact]
    public async Task Withheld_figures_print_as_fewer_than_n_responses_and_never_as_a_number()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await Scenario.SeedAsync(db);
        var text = await PdfTools.TextAsync(await RenderAsync(db, "N2", Scenario.DuringGrace), "n2-withheld");
        var f = await db.FiguresAsync(FigureQuery.Neighborhood, "N2", Scenario.Month, Scenario.DuringGrace);

        Assert.True(f.Items[Instrument.Trust].Suppressed);
        Assert.Contains("Trust in the department 7 fewer than 10 responses", text);
        Assert.Contains("Trust index: withheld, fewer than 10 responses.", text);
        Assert.DoesNotContain("3.86", text); // the trust mean had it been shown (27 / 7)
        Assert.DoesNotContain("71.4", text); // its trust index
        // The unwithheld items still print.
        Assert.Contains(Format.Mean(f.Items[Instrument.Overall].Mean!.Value), text);
        // Charts say it in words too: the trend columns of withheld months, and the answer bars.
        Assert.True(text.Split("fewer than 10 responses").Length > 12, "withheld months and items are labelled in words");
        Assert.Contains("Nguyễn Thị Lan", text.Normalize(System.Text.NormalizationForm.FormC));
    }

    [Fact]
    public async Task A_month_is_marked_preliminary_until_its_invitations_expire_then_final()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await Scenario.SeedAsync(db);

        var during = await PdfTools.TextAsync(await RenderAsync(db, "N1", Scenario.DuringGrace), "n1-preliminary");
        Assert.Contains("PRELIMINARY", during);
        Assert.Contains("figures may change", during);

        var after = await PdfTools.TextAsync(await RenderAsync(db, "N1", Scenario.AfterGrace), "n1-final");
        Assert.DoesNotContain("PRELIMINARY", after);
        Assert.Contains("FINAL", after);
        Assert.Contains("these figures will not change", after);
    }

    [Fact]
    public async Task Only_approved_consented_comments_are_quoted_exactly_as_the_reviewer_worded_them()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await Scenario.SeedAsync(db);
        await db.CommentAsync("N1", Scenario.Month, "Officer Diaz was patient. Call me at (860) 555-0143 or jo.resident@example.org.", true, 1000,
            approved: "Officer [name removed] was patient. Call me at [phone removed] or [e-mail removed].");
        await db.CommentAsync("N1", Scenario.Month, "They came to 1420 N. Elm Street, Apt 4B within minutes.", true, 2000); // still pending
        await db.CommentAsync("N1", Scenario.Month, "PRIVATE: my neighbour is the one who called, please keep this between us.", false, 3000);
        await db.CommentAsync("N1", Scenario.Previous, "September comment that belongs to another month.", true, 4000, approved: "September comment.");
        await db.CommentAsync("N2", Scenario.Month, "Riverside comment, another neighborhood.", true, 5000, approved: "Riverside comment.");
        // Approved, then an IA flag: cannot happen through the worker, and the report checks anyway.
        var allegation = await db.CommentAsync("N1", Scenario.Month, "Officer 1002 shoved me against the car.", true, 6000,
            approved: "Officer 1002 shoved me against the car.");
        await db.IaFlagAsync(allegation, "N1", Scenario.Month);

        var text = await PdfTools.TextAsync(await RenderAsync(db, "N1", Scenario.DuringGrace), "n1-comments");

        Assert.Contains("“Officer [name removed] was patient. Call me at [phone removed] or [e-mail removed].”", text);
        Assert.DoesNotContain("Diaz", text);
        Assert.DoesNotContain("555-0143", text);
        Assert.DoesNotContain("They came to", text);
        Assert.DoesNotContain("Elm", text);
        Assert.DoesNotContain("PRIVATE", text);
        Assert.DoesNotContain("keep this between us", text);
        Assert.DoesNotContain("September comment", text);
        Assert.DoesNotContain("Riverside comment", text);
        Assert.DoesNotContain("shoved", text);
    }

    [Fact]
    public async Task A_month_without_responses_and_a_neighborhood_without_history_render_valid_pdfs()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await Scenario.SeedAsync(db);
        // N1 had invitations in November but nobody answered yet.
        await db.MonthAsync(FigureQuery.Neighborhood, "N1", "2026-11", 40, 0, Scenario.AfterGrace.AddDays(30), new Dictionary<string, int[]>());

        var empty = await RenderAsync(db, "N1", Scenario.AfterGrace, "2026-11");
        var emptyText = await PdfTools.TextAsync(empty, "n1-no-responses");
        Assert.Contains("No resident answered a survey about a contact in Downtown in November 2026 (40 invited).", emptyText);
        Assert.Contains("No comment from this month has been approved for quoting.", emptyText);
        await PdfTools.AssertValidAsync(empty, "n1-no-responses");

        var never = await RenderAsync(db, "N9", Scenario.AfterGrace);
        var neverText = await PdfTools.TextAsync(never, "n9-no-history");
        Assert.Contains("Harbor Point (N9)", neverText);
        Assert.Contains("no lieutenant assigned", neverText);
        Assert.Contains("fewer than 10 responses", neverText);
        await PdfTools.AssertValidAsync(never, "n9-no-history");
    }

    [Fact]
    public async Task The_pdf_is_valid_tagged_letter_size_with_its_fonts_embedded()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await Scenario.SeedAsync(db);
        var pdf = await RenderAsync(db, "N2", Scenario.DuringGrace);

        await PdfTools.AssertValidAsync(pdf, "n2-valid");
        var info = await PdfTools.InfoAsync(pdf, "n2-valid");
        Assert.Matches(@"Tagged:\s+yes", info);
        Assert.Matches(@"Page size:\s+612 x 792 pts \(letter\)", info);
        Assert.Matches(@"Pages:\s+4\b", info);
        Assert.Contains("Trust report: Riverside (N2), October 2026", info);
        var fonts = await PdfTools.FontsAsync(pdf, "n2-valid");
        Assert.Contains("DejaVu Sans", fonts);
        Assert.DoesNotMatch(@"\bno\s+(yes|no)\s+(yes|no)\s+\d+", fonts); // every font embedded
    }

    [Fact]
    public async Task An_unknown_neighborhood_has_no_report()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await using var connection = await db.Db.OpenAsync();
        Assert.Null(await TrustReports.NeighborhoodAsync(connection, "NOPE", Scenario.Month, db.Options, Scenario.AfterGrace));
    }
}
