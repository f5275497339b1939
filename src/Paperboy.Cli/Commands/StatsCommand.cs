using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Paperboy.Cli.Commands;

/// <summary><c>paperboy stats</c>: how many papers the store holds and over which days.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var json = PaperboyCommandLine.Json();
        var command = new Command("stats", "Show what the store holds") { json };
        command.SetAction(parsed =>
        {
            using var store = PaperboyCommandLine.OpenExistingStore(parsed);
            var s = store.Statistics();
            var location = Path.GetFullPath(parsed.GetValue(PaperboyCommandLine.DataDirectory)!);
            if (parsed.GetValue(json))
            {
                var summary = new StatsSummary(s.Papers, s.WithArxivId, s.WithAbstract, s.Upvotes, s.FirstListed, s.LastListed, s.ChangeSequence, s.SchemaVersion, location);
                Console.WriteLine(JsonSerializer.Serialize(summary, CliJson.Default.StatsSummary));
                return PaperboyCommandLine.Ok;
            }

            var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
            grid.AddRow("store", Markup.Escape(location));
            grid.AddRow("papers", $"{s.Papers:N0}");
            grid.AddRow("with an arXiv id", $"{s.WithArxivId:N0}");
            grid.AddRow("with an abstract", $"{s.WithAbstract:N0}");
            grid.AddRow("upvotes", $"{s.Upvotes:N0}");
            grid.AddRow("listed", $"{s.FirstListed:yyyy-MM-dd} .. {s.LastListed:yyyy-MM-dd}");
            grid.AddRow("change sequence", $"{s.ChangeSequence:N0}");
            grid.AddRow("schema version", $"{s.SchemaVersion}");
            AnsiConsole.Write(grid);
            return PaperboyCommandLine.Ok;
        });
        return command;
    }
}
