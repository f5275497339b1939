using System.CommandLine;
using Paperboy.Papers;
using Paperboy.Search.Embeddings;

namespace Paperboy.Cli.Commands;

/// <summary><c>paperboy related ID</c>: the papers closest in meaning to one paper.</summary>
internal static class RelatedCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The paper's id: an arXiv id (2212.09525), arXiv URL, or t: id" };
        var limit = SearchCommand.LimitOption();
        var embedder = SearchIndexes.EmbedderOption("Semantic legs to use [default: those 'paperboy index' embedded with]");
        var json = PaperboyCommandLine.Json();
        var command = new Command("related", "Papers related to one paper (nearest by embedding; by keywords until it is embedded)") { id, limit, embedder, json };
        command.SetAction((parsed, cancellation) =>
        {
            var wanted = parsed.GetValue(id)!;
            var key = ArxivId.StoreKey(wanted);
            using var indexes = SearchIndexes.OpenForSearching(parsed, cancellation);
            if (indexes.Store.Find(key) is not { } paper)
            {
                Console.Error.WriteLine($"paperboy: no paper with id \"{key}\" in {parsed.GetValue(PaperboyCommandLine.DataDirectory)}");
                return Task.FromResult(PaperboyCommandLine.Failure);
            }

            indexes.LoadLegs(TextEmbedders.CreateAll(parsed.GetValue(embedder) ?? SearchIndexes.RecordedEmbedders(parsed)));
            var response = indexes.Search().Related(paper, parsed.GetValue(limit));
            SearchCommand.Print(indexes, paper.Id, "related", response, parsed.GetValue(json));
            return Task.FromResult(PaperboyCommandLine.Ok);
        });
        return command;
    }
}
