using System.CommandLine;
using Paperboy.Cli.Terminal;
using Paperboy.Demo;
using Paperboy.Ingest;
using Paperboy.Store;

namespace Paperboy.Cli.Commands;

/// <summary><c>paperboy daily</c>: the day's top papers; an empty store is first filled with the shipped demo corpus.</summary>
internal static class DailyCommand
{
    public static Command Create()
    {
        var date = new Option<DateOnly?>("--date") { Description = "The listing day (yyyy-MM-dd); default: the newest day in the store" };
        var limit = new Option<int>("--limit") { Description = "How many papers (1-1000)", DefaultValueFactory = _ => 10 }.Within(1, 1000);
        var command = new Command("daily", "Show the top papers of the newest listing day (imports the demo corpus into an empty store)") { date, limit };
        command.SetAction((parsed, cancellation) =>
        {
            using var store = PaperboyCommandLine.OpenStore(parsed);
            if (store.Statistics().Papers == 0)
            {
                Console.Error.WriteLine($"The store in {parsed.GetValue(PaperboyCommandLine.DataDirectory)} is empty: importing the demo corpus first.");
                var importer = new PaperImporter(store, new ImportOptions());
                var report = ImportProgressView.Run("demo corpus", false, progress => importer.Import([DemoCorpus.Input()], progress, cancellation));
                ImportCommand.Print(report, false);
            }

            var day = parsed.GetValue(date) ?? store.Statistics().LastListed;
            var papers = store.List(new PaperQuery { ListedOn = day, Limit = parsed.GetValue(limit) });
            PaperTable.Write(papers, $"top papers listed on {day:yyyy-MM-dd}");
            return Task.FromResult(PaperboyCommandLine.Ok);
        });
        return command;
    }
}
