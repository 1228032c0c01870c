using PdfSharp.Drawing;
using PdfSharp.UniversalAccessibility;

namespace Surveys.Reporting.Pdf;

public sealed record Column(string Header, double Width, bool Right = false);

/// <summary>A cell: text, optionally spanning columns; a graphic drawn in it is decoration (the text says it).</summary>
public sealed record Cell(string Text, int Span = 1, bool Bold = false, XColor? Color = null, Action<XGraphics, XRect>? Graphic = null,
    bool Small = false)
{
    public static implicit operator Cell(string text) => new(text);
}

/// <summary>A tagged table (Table/TR/TH/TD) that repeats its header row when it runs onto a new page.</summary>
public static class Table
{
    public static void Draw(Canvas c, IReadOnlyList<Column> columns, IEnumerable<IReadOnlyList<Cell>> rows,
        XFont? font = null, XFont? bold = null, double rowHeight = 13.5)
    {
        font ??= Styles.Body;
        bold ??= Styles.BodyBold;
        var headerLines = columns.Max(col => col.Header.Split('\n').Length);
        var headerHeight = 4 + headerLines * 9.0;
        c.EnsureSpace(headerHeight + 3 * rowHeight);
        c.Begin(PdfBlockLevelElementTag.Table);
        Header(c, columns, headerHeight);
        var index = 0;
        foreach (var row in rows)
        {
            if (c.EnsureSpace(rowHeight)) Header(c, columns, headerHeight);
            Row(c, columns, row, font, bold, rowHeight, index++ % 2 == 1);
        }
        c.End();
        c.Y += 4;
    }

    static void Header(Canvas c, IReadOnlyList<Column> columns, double height)
    {
        var top = c.Y;
        c.Begin(PdfBlockLevelElementTag.TableRow);
        c.Artifact(g => g.DrawRectangle(Styles.Brush(Styles.Panel), Canvas.Left, top, Canvas.Width, height));
        var x = Canvas.Left;
        foreach (var column in columns)
        {
            var lines = column.Header.Split('\n');
            c.Begin(PdfBlockLevelElementTag.TableHeaderCell);
            c.ColumnHeader();
            for (var i = 0; i < lines.Length; i++)
            {
                var y = top + height - 4 - (lines.Length - 1 - i) * 9.0;
                // A trailing space keeps "Mean (1–5)" two words when the lines are read as one.
                var text = TextLayout.Ellipsis(c.G, c.Use(lines[i]), Styles.SmallBold, column.Width - 6) + (i < lines.Length - 1 ? " " : "");
                c.G.DrawString(text, Styles.SmallBold, Styles.Brush(Styles.Navy), column.Right ? x + column.Width - 3 : x + 3, y,
                    column.Right ? Align.Right : Align.Left);
            }
            c.End();
            x += column.Width;
        }
        c.End();
        c.Y += height;
    }

    static void Row(Canvas c, IReadOnlyList<Column> columns, IReadOnlyList<Cell> cells, XFont font, XFont bold, double height, bool shaded)
    {
        var top = c.Y;
        c.Begin(PdfBlockLevelElementTag.TableRow);
        c.Artifact(g =>
        {
            if (shaded) g.DrawRectangle(Styles.Brush(Styles.Zebra), Canvas.Left, top, Canvas.Width, height);
            g.DrawLine(Styles.Pen(Styles.Rule, 0.4), Canvas.Left, top + height, Canvas.Right, top + height);
        });
        var x = Canvas.Left;
        var col = 0;
        foreach (var cell in cells)
        {
            var span = Math.Min(cell.Span, columns.Count - col);
            var width = columns.Skip(col).Take(span).Sum(k => k.Width);
            var right = span == 1 && columns[col].Right;
            var box = new XRect(x, top, width, height);
            if (cell.Graphic is not null) c.Artifact(g => cell.Graphic(g, box));
            c.Begin(PdfBlockLevelElementTag.TableDataCell);
            if (span > 1) c.ColumnSpan(span);
            if (cell.Text.Length > 0)
            {
                var f = cell.Small ? Styles.Small : cell.Bold ? bold : font;
                var text = TextLayout.Ellipsis(c.G, c.Use(cell.Text), f, width - 6);
                TextRuns.Draw(c.G, text, f, Styles.Brush(cell.Color ?? Styles.Ink), right ? x + width - 3 : x + 3,
                    top + height / 2 + f.Size * 0.36, right ? Align.Right : Align.Left);
            }
            c.End();
            x += width;
            col += span;
        }
        c.End();
        c.Y += height;
    }
}
