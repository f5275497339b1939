using System.CommandLine;
using System.Text.Json;
using Paperboy.Search;
using Paperboy.Search.Embeddings;
using Spectre.Console;

namespace Paperboy.Cli.Commands;

/// <summary><c>paperboy search "query"</c>: hybrid (keyword + semantic) search over the store's papers.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var text = new Argument<string>("query") { Description = "Words, \"phrases\", -exclusions, author:, cat:, year:, from:, to:" };
        var limit = LimitOption();
        var mode = new Option<SearchMode>("--mode") { Description = "keyword, semantic or hybrid", DefaultValueFactory = _ => SearchMode.Hybrid };
        var embedder = SearchIndexes.EmbedderOption("Semantic legs to use [default: those 'paperboy index' embedded with]");
        var fusion = FusionOption();
        var weight = WeightOption();
        var json = PaperboyCommandLine.Json();
        var command = new Command("search", "Search papers by keywords and meaning") { text, limit, mode, embedder, fusion, weight, json };
        command.SetAction((parsed, cancellation) =>
        {
            var options = new FusionOptions { Method = parsed.GetValue(fusion), KeywordWeight = parsed.GetValue(weight) };
            using var indexes = SearchIndexes.OpenForSearching(parsed, cancellation);
            indexes.LoadLegs(TextEmbedders.CreateAll(parsed.GetValue(embedder) ?? SearchIndexes.RecordedEmbedders(parsed)));
            var query = parsed.GetValue(text)!;
            var response = indexes.Search(options).Search(query, parsed.GetValue(limit), parsed.GetValue(mode));
            Print(indexes, query, parsed.GetValue(mode).ToString().ToLowerInvariant(), response, parsed.GetValue(json));
            return Task.FromResult(PaperboyCommandLine.Ok);
        });
        return command;
    }

    public static Option<int> LimitOption()
    {
        return new Option<int>("--limit") { Description = "How many results (1-1000)", DefaultValueFactory = _ => 10 }.Within(1, 1000);
    }

    public static Option<FusionMethod> FusionOption() =>
        new("--fusion") { Description = "How legs combine: Convex (min-max normalised scores) or ReciprocalRank (RRF, k=60)", DefaultValueFactory = _ => FusionMethod.Convex };

    public static Option<double> WeightOption()
    {
        var weight = new Option<double>("--weight") { Description = "Keyword weight in convex fusion, 0..1", DefaultValueFactory = _ => FusionOptions.Default.KeywordWeight }.Within(0, 1);
        return weight;
    }

    /// <summary>Prints ranked results as a table (or JSON), with how much of the corpus the semantic legs cover.</summary>
    public static void Print(SearchIndexes indexes, string query, string mode, HybridResponse response, bool asJson)
    {
        var hits = response.Hits.Select(h => new SearchHitOutput(h.Id, indexes.Store.Find(h.Id)?.Title ?? "", Math.Round(h.Score, 6), h.Legs)).ToList();
        var coverage = response.Coverage.Select(c => new CoverageOutput(c.Leg, c.Embedded, c.Papers)).ToList();
        if (asJson)
        {
            Console.WriteLine(JsonSerializer.Serialize(new SearchOutput(query, mode, hits, coverage, response.SemanticError), SearchJson.Default.SearchOutput));
            return;
        }

        var table = new Table().AddColumn("#").AddColumn("score").AddColumn("id").AddColumn("title").AddColumn("found by");
        foreach (var (hit, rank) in hits.Select((h, i) => (h, i + 1)))
        {
            table.AddRow($"{rank}", $"{hit.Score:F3}", Markup.Escape(hit.Id), Markup.Escape(hit.Title), Markup.Escape(string.Join(" + ", hit.Legs)));
        }

        AnsiConsole.Write(table);
        foreach (var c in coverage)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"{c.Leg}: {c.Embedded:N0} of {c.Papers:N0} papers embedded; the rest are found by keyword only"));
        }

        if (response.SemanticError is { } error)
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(error)}[/]");
        }
    }
}
