using Paperboy.Papers;
using Spectre.Console;

namespace Paperboy.Cli.Terminal;

/// <summary>Renders papers for the terminal: a table of many, or the full page of one.</summary>
internal static class PaperTable
{
    public static void Write(IReadOnlyList<Paper> papers, string caption)
    {
        var table = new Table().Border(TableBorder.Rounded).Caption(Markup.Escape(caption));
        table.AddColumn(new TableColumn("[bold]▲[/]").RightAligned());
        table.AddColumn("id");
        table.AddColumn("title");
        table.AddColumn("authors");
        table.AddColumn("listed");
        foreach (var paper in papers)
        {
            table.AddRow(
                paper.Upvotes.ToString(),
                Markup.Escape(paper.Id),
                Markup.Escape(paper.Title),
                Markup.Escape(AuthorsLine(paper, 2)),
                paper.Listed?.ToString("yyyy-MM-dd") ?? "");
        }

        AnsiConsole.Write(table);
    }

    public static void WriteOne(Paper paper)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(paper.Title)}[/]");
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(paper.Id)}{(paper.Version is { } v ? $"v{v}" : "")}  ▲ {paper.Upvotes}  {Markup.Escape(string.Join(' ', paper.Categories))}[/]");
        AnsiConsole.MarkupLine(Markup.Escape(AuthorsLine(paper, int.MaxValue)));
        AnsiConsole.MarkupLine($"[grey]published {Day(paper.Published)}, updated {Day(paper.Updated)}, listed {Day(paper.Listed)}[/]");
        AnsiConsole.WriteLine();
        AnsiConsole.WriteLine(paper.DisplayAbstract);
        AnsiConsole.WriteLine();
        if (paper.HasArxivId)
        {
            AnsiConsole.MarkupLine($"https://arxiv.org/abs/{paper.Id}   https://arxiv.org/pdf/{paper.Id}");
        }

        AnsiConsole.MarkupLine($"[grey]sources: {Markup.Escape(string.Join(", ", paper.Sources.Select(s => $"{s.Key} ← {s.Value}")))}[/]");
    }

    /// <summary>The first <paramref name="shown"/> names and "+N more", or "N authors" when only a count is known.</summary>
    public static string AuthorsLine(Paper paper, int shown)
    {
        if (paper.Authors.Count == 0)
        {
            return paper.AuthorCount is { } count ? $"{count} authors" : "";
        }

        var names = string.Join(", ", paper.Authors.Take(shown));
        return paper.Authors.Count > shown ? $"{names} +{paper.Authors.Count - shown} more" : names;
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd") ?? "unknown";
}
