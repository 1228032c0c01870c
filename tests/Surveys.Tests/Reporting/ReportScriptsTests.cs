using System.Globalization;
using System.Text;
using Surveys.Reporting;
using Surveys.Reporting.Pdf;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Reporting;

/// <summary>
/// Residents' comments in five scripts, printed by the shipped faces (issue 15, part 4): the text
/// comes back out of the PDF, every font is an embedded subset, and Arabic is drawn joined, right
/// to left. The rendered page is kept as docs/screenshots/report-scripts.png to be looked at.
/// </summary>
public class ReportScriptsTests
{
    const string Chinese = "警察很快就到了，态度也很好。谢谢！";
    const string Korean = "경찰관이 친절하게 설명해 주셨습니다.";
    const string Vietnamese = "Cảnh sát đến nhanh và rất lịch sự, cảm ơn.";
    const string Russian = "Офицер был вежлив и всё объяснил.";
    const string Arabic = "الضابط كان محترما وشرح لي كل شيء";

    static async Task<byte[]> RenderAsync(params string[] comments)
    {
        var db = await ReportDatabase.CreateAsync();
        await using var _ = db;
        await Scenario.SeedAsync(db);
        long at = 1000;
        foreach (var comment in comments.Length > 0 ? comments : [Arabic, Russian, Vietnamese, Korean, Chinese])
            await db.CommentAsync("N1", Scenario.Month, comment, true, at += 1000, approved: comment);
        await using var connection = await db.Db.OpenAsync();
        return (await TrustReports.NeighborhoodAsync(connection, "N1", Scenario.Month, db.Options, Scenario.DuringGrace))!;
    }

    static string NoSpaces(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public async Task Comments_in_five_scripts_come_back_out_of_the_pdf_in_embedded_subset_fonts()
    {
        var pdf = await RenderAsync();
        var text = NoSpaces(await PdfTools.TextAsync(pdf, "n1-scripts"));
        foreach (var comment in new[] { Chinese, Korean, Vietnamese, Russian })
            Assert.Contains(NoSpaces(comment), text);

        // Arabic is drawn as presentation forms in visual order; pdftotext sees a right-to-left line
        // and gives the forms back in logical order, so folded to base letters (NFKC) it is the comment.
        var folded = text.Normalize(NormalizationForm.FormKC);
        Assert.Contains(NoSpaces(Arabic), folded);
        Assert.Contains(text, c => c is >= '\uFE70' and <= '\uFEFF'); // joined forms, not isolated letters

        var fonts = (await PdfTools.FontsAsync(pdf, "n1-scripts")).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.Contains(fonts, l => l.Contains("+NanumSquare"));
        Assert.Contains(fonts, l => l.Contains("+Droid Sans Fallback"));
        // Every font a subset (ABCDEF+ prefix) and embedded ("emb" column yes).
        Assert.All(fonts, l => Assert.Matches(@"^[A-Z]{6}\+\S+\s.*\byes\s+yes\s+yes\b", l));
        await PdfTools.AssertValidAsync(pdf, "n1-scripts");

        // The page with the comments, kept in docs/ to be looked at (Arabic joined, right to left, no boxes).
        var file = Path.Combine(Path.GetTempPath(), "surveys-report-tests", "n1-scripts.pdf");
        var pages = (await Shell.RunAsync("pdftotext", ["-enc", "UTF-8", file, "-"])).StdOut.Split('\f');
        var page = Array.FindIndex(pages, p => p.Contains("警察")) + 1;
        var output = Path.Combine(Repo.Root, "docs", "screenshots", "report-scripts");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await Shell.RunAsync("pdftoppm", ["-png", "-r", "100", "-singlefile", "-f", page.ToString(CultureInfo.InvariantCulture),
            "-l", page.ToString(CultureInfo.InvariantCulture), file, output]);
        Assert.True(File.Exists(output + ".png"));
    }

    [Fact]
    public async Task A_comment_in_a_script_no_shipped_face_has_is_announced_not_printed_as_boxes()
    {
        var text = await PdfTools.TextAsync(await RenderAsync("ආයුබෝවන්, ස්තූතියි"), "n1-unprintable");
        Assert.Contains("written in a script this report cannot print", text);
        Assert.Contains("/console/comment-reviews", text);
        Assert.DoesNotContain("ආ", text);
    }

    [Fact]
    public void Faces_are_picked_by_script_and_an_unprintable_script_is_recognised()
    {
        Assert.Equal(ReportFonts.Family, Scripts.FamilyFor('ễ'));
        Assert.Equal(ReportFonts.Family, Scripts.FamilyFor('Ж'));
        Assert.Equal(ReportFonts.Family, Scripts.FamilyFor('ب'));
        Assert.Equal(ReportFonts.Hangul, Scripts.FamilyFor('경'));
        Assert.Equal(ReportFonts.Han, Scripts.FamilyFor('警'));
        Assert.True(Scripts.CanDraw(Chinese + Korean + Vietnamese + Russian + Arabic + " 😀"));
        Assert.False(Scripts.CanDraw("ආයුබෝවන්")); // Sinhala: no shipped face has it
        Assert.DoesNotContain("🩰", string.Concat(Scripts.Split("ok 🩰").Select(r => r.Text))); // left out, not a box
    }

    [Fact]
    public void Arabic_is_shaped_into_joined_forms_and_put_right_to_left()
    {
        var visual = Bidi.Visual("سلام");
        // س initial, then lam-alef as one final ligature, م isolated (its own code): drawn left to right as م لا س.
        Assert.Equal("\u0645\uFEFC\uFEB3", visual);
        Assert.Equal("abc", Bidi.Visual("abc"));
        // A number inside Arabic keeps its own left-to-right order.
        Assert.Contains("2026", Bidi.Visual("في 2026 شكرا"));
    }
}
