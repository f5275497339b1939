using System.CommandLine;
using System.IO.Compression;
using Paperboy.Export;

namespace Paperboy.Cli.Commands;

/// <summary><c>paperboy export</c>: every paper as Paperboy JSON Lines (re-importable) or BibTeX.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "jsonl or bibtex", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "bibtex");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (.gz compresses) instead of standard output" };
        var since = new Option<DateOnly?>("--listed-since") { Description = "Only papers listed on or after this day (yyyy-MM-dd)" };
        var command = new Command("export", "Export every paper (or those listed since a day)") { format, output, since };
        command.SetAction(parsed =>
        {
            using var store = PaperboyCommandLine.OpenExistingStore(parsed);
            var path = parsed.GetValue(output);
            var bibtex = parsed.GetValue(format) == "bibtex";
            using var writer = Open(path);
            var count = 0;
            var first = parsed.GetValue(since);
            var keys = new BibTexKeys();
            foreach (var paper in store.ExportAll().Where(p => first is null || p.Listed >= first))
            {
                if (bibtex)
                {
                    writer.Write(BibTex.Entry(paper, keys.Next(paper)));
                    writer.Write('\n');
                }
                else
                {
                    PaperJsonLines.Write(writer, paper);
                }

                count++;
            }

            if (path is not null)
            {
                Console.Error.WriteLine($"exported {count:N0} papers to {path}");
            }

            return PaperboyCommandLine.Ok;
        });
        return command;
    }

    private static StreamWriter Open(string? path)
    {
        if (path is null)
        {
            return new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
        }

        Stream file = File.Create(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            file = new GZipStream(file, CompressionLevel.SmallestSize);
        }

        return new StreamWriter(file);
    }
}
