using System.CommandLine;
using System.Text.Json;
using Paperboy.Search.Embeddings;
using Paperboy.Store;

namespace Paperboy.Cli.Commands;

/// <summary><c>paperboy vectors export|import</c>: move embedding work between stores instead of repeating it.</summary>
internal static class VectorsCommand
{
    public static Command Create() => new("vectors", "Export a model's stored vectors to a file, or load such a file into this store") { Export(), Import() };

    private static Command Export()
    {
        var model = new Option<string>("--model") { Description = $"The embedding model: {string.Join(", ", TextEmbedders.Names)}", DefaultValueFactory = _ => IndexCommand.DefaultEmbedder };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The vector file to write", Required = true };
        var command = new Command("export", "Write every stored vector of one model to a vector file") { model, output };
        command.SetAction(parsed =>
        {
            var embeddingModel = ModelNamed(parsed.GetValue(model)!);
            using var store = PaperboyCommandLine.OpenExistingStore(parsed);
            var file = parsed.GetValue(output)!;
            int count;
            using (var stream = file.Create())
            {
                count = VectorTransfer.Export(store, embeddingModel, stream);
            }

            Console.Error.WriteLine($"wrote {count:N0} {embeddingModel.Name} vectors to {file.FullName}");
            return PaperboyCommandLine.Ok;
        });
        return command;
    }

    private static Command Import()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Vector files written by `paperboy vectors export`", Arity = ArgumentArity.OneOrMore }.RefusingUnknownOptions();
        var json = PaperboyCommandLine.Json();
        var command = new Command("import", "Save the vectors of a vector file for the papers this store holds with the same text") { files, json };
        command.SetAction(parsed =>
        {
            using var store = PaperboyCommandLine.OpenStore(parsed);
            foreach (var file in parsed.GetValue(files)!)
            {
                using var stream = file.OpenRead();
                Print(VectorTransfer.Import(store, stream, file.FullName), parsed.GetValue(json));
            }

            return PaperboyCommandLine.Ok;
        });
        return command;
    }

    /// <summary>Prints what loading vectors did: one JSON object per file, or a line on standard error.</summary>
    public static void Print(VectorImportSummary summary, bool asJson)
    {
        if (asJson)
        {
            var line = new VectorsSummary(summary.Model.Name, summary.Model.Version, summary.Saved, summary.UnknownPapers, summary.ChangedTexts);
            Console.WriteLine(JsonSerializer.Serialize(line, CliJson.Default.VectorsSummary));
            return;
        }

        Console.Error.WriteLine(
            $"{summary.Model.Name}: saved {summary.Saved:N0} vectors" +
            (summary.UnknownPapers > 0 ? $", {summary.UnknownPapers:N0} for papers not in this store" : "") +
            (summary.ChangedTexts > 0 ? $", {summary.ChangedTexts:N0} for papers whose text changed since (left to `paperboy index`)" : ""));
    }

    private static EmbeddingModel ModelNamed(string name)
    {
        // The store keys vectors by the model's name, version and dimension; the embedder is the one place that knows them.
        var embedder = TextEmbedders.Create(name);
        try
        {
            return EmbeddingPipeline.ModelOf(embedder);
        }
        finally
        {
            (embedder as IDisposable)?.Dispose();
        }
    }
}
