using System.CommandLine;
using System.Text.Json;
using Paperboy.Cli.Terminal;
using Paperboy.Search.Embeddings;
using Spectre.Console;

namespace Paperboy.Cli.Commands;

/// <summary><c>paperboy index</c>: catches the keyword index up with the store, then embeds the papers that lack vectors.</summary>
internal static class IndexCommand
{
    /// <summary>MiniLM: with BM25 it gave the best measured hybrid on SciFact train (convex, w=0.5: 0.739 nDCG@10).</summary>
    public const string DefaultEmbedder = TextEmbedders.MiniLm;

    public static Command Create()
    {
        var rebuild = new Option<bool>("--rebuild") { Description = "Empty the keyword index and rebuild it from the store (stored vectors are kept)" };
        var embedder = SearchIndexes.EmbedderOption($"Embed with: {string.Join(", ", TextEmbedders.Names)}, several comma-separated, or none [default: {DefaultEmbedder}]");
        var json = PaperboyCommandLine.Json();
        var command = new Command("index", "Catch the search indexes up with the store and embed what is missing (Ctrl-C keeps finished batches)") { rebuild, embedder, json };
        command.SetAction((parsed, cancellation) =>
        {
            var embedders = TextEmbedders.CreateAll(parsed.GetValue(embedder) ?? DefaultEmbedder);
            var asJson = parsed.GetValue(json);
            using var indexes = OpenUnlessServed(parsed, parsed.GetValue(rebuild), cancellation);
            if (indexes is null)
            {
                return Task.FromResult(PaperboyCommandLine.Failure);
            }

            var results = new List<EmbedderSummary>();
            var cancelled = false;
            foreach (var model in embedders)
            {
                var pipeline = new EmbeddingPipeline(indexes.Store, model);
                var run = EmbeddingProgressView.Run($"embedding with {model.Name}", asJson, progress => pipeline.Run(progress, cancellation));
                results.Add(new EmbedderSummary(model.Name, run.Embedded, run.Confirmed, indexes.Store.CountEmbeddings(pipeline.Model), Math.Round(run.Elapsed.TotalSeconds, 3)));
                (model as IDisposable)?.Dispose();
                cancelled |= run.Cancelled;
                if (cancelled)
                {
                    break;
                }
            }

            if (embedders.Count > 0)
            {
                SearchIndexes.RecordEmbedders(parsed, embedders);
            }

            var summary = new IndexSummary(indexes.FollowSummary.Applied, indexes.Keyword.Count, results, cancelled);
            Print(summary, asJson);
            return Task.FromResult(cancelled ? PaperboyCommandLine.Interrupted : PaperboyCommandLine.Ok);
        });
        return command;
    }

    /// <summary>Opens the indexes for writing; null, with the reason on standard error, when another process (a running server) holds them.</summary>
    private static SearchIndexes? OpenUnlessServed(ParseResult parsed, bool rebuild, CancellationToken cancellation)
    {
        try
        {
            return SearchIndexes.Open(parsed, rebuild, SearchIndexes.KeywordProgress(), cancellation);
        }
        catch (Paperboy.Search.Keyword.KeywordIndexException e) when (e.IsLocked)
        {
            var data = Path.GetFullPath(parsed.GetValue(PaperboyCommandLine.DataDirectory)!);
            Console.Error.WriteLine(
                $"paperboy: the search indexes of {data} are held by another process, most likely a running 'paperboy serve'. " +
                "A running server keeps its indexes up to date itself (it follows the store and embeds new papers), so 'paperboy index' is not needed while it runs; " +
                "to rebuild or embed with other models, stop the server first.");
            return null;
        }
    }

    private static void Print(IndexSummary summary, bool asJson)
    {
        if (asJson)
        {
            Console.WriteLine(JsonSerializer.Serialize(summary, SearchJson.Default.IndexSummary));
            return;
        }

        AnsiConsole.MarkupLine($"keyword index: {summary.KeywordApplied:N0} changes applied, {summary.KeywordPapers:N0} papers");
        foreach (var e in summary.Embedders)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"{e.Name}: {e.Embedded:N0} embedded, {e.Confirmed:N0} unchanged, {e.Vectors:N0} of {summary.KeywordPapers:N0} papers have vectors ({e.ElapsedSeconds:N1} s)"));
        }

        if (summary.Cancelled)
        {
            AnsiConsole.MarkupLine("[yellow]interrupted[/]: finished batches are kept; run [bold]paperboy index[/] again to resume");
        }
    }
}
