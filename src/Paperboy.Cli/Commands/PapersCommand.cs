using System.CommandLine;
using Paperboy.Cli.Terminal;
using Paperboy.Export;
using Paperboy.Store;

namespace Paperboy.Cli.Commands;

/// <summary><c>paperboy papers list|show</c>: look at what the store holds.</summary>
internal static class PapersCommand
{
    public static Command Create() => new("papers", "List papers or show one") { List(), Show() };

    private static Command List()
    {
        var date = new Option<DateOnly?>("--date") { Description = "Only papers listed on this day (yyyy-MM-dd)" };
        var sort = new Option<PaperOrder>("--sort") { Description = "Order: Upvotes, Newest or Id", DefaultValueFactory = _ => PaperOrder.Upvotes };
        var limit = new Option<int>("--limit") { Description = "How many papers (1-10000)", DefaultValueFactory = _ => 20 }.Within(1, 10_000);
        var offset = new Option<int>("--offset") { Description = "How many to skip first" }.Within(0, int.MaxValue);
        var json = PaperboyCommandLine.Json();
        var command = new Command("list", "List papers, most upvoted first") { date, sort, limit, offset, json };
        command.SetAction(parsed =>
        {
            using var store = PaperboyCommandLine.OpenExistingStore(parsed);
            var query = new PaperQuery { ListedOn = parsed.GetValue(date), Order = parsed.GetValue(sort), Limit = parsed.GetValue(limit), Offset = parsed.GetValue(offset) };
            var papers = store.List(query);
            if (parsed.GetValue(json))
            {
                foreach (var paper in papers)
                {
                    PaperJsonLines.Write(Console.Out, paper);
                }
            }
            else
            {
                PaperTable.Write(papers, $"{papers.Count} papers{(query.ListedOn is { } day ? $" listed on {day:yyyy-MM-dd}" : "")}");
            }

            return PaperboyCommandLine.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The paper's id: an arXiv id (2212.09525), arXiv URL, or t: id" };
        var json = PaperboyCommandLine.Json();
        var command = new Command("show", "Show one paper in full") { id, json };
        command.SetAction(parsed =>
        {
            using var store = PaperboyCommandLine.OpenExistingStore(parsed);
            var wanted = parsed.GetValue(id)!;
            var key = Paperboy.Papers.ArxivId.StoreKey(wanted);
            if (store.Find(key) is not { } paper)
            {
                Console.Error.WriteLine($"paperboy: no paper with id \"{key}\" in {parsed.GetValue(PaperboyCommandLine.DataDirectory)}");
                return PaperboyCommandLine.Failure;
            }

            if (parsed.GetValue(json))
            {
                PaperJsonLines.Write(Console.Out, paper);
            }
            else
            {
                PaperTable.WriteOne(paper);
            }

            return PaperboyCommandLine.Ok;
        });
        return command;
    }
}
