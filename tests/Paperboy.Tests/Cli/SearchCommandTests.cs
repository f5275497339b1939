using System.Text.Json;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Cli;

/// <summary><c>index</c>, <c>search</c>, <c>related</c> and <c>eval</c> as a user runs them, with the fast hashing embedder.</summary>
public sealed class SearchCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static string Tiny(params string[] parts) => GoldenFile.PathOf(["beir-tiny", .. parts]);

    [Fact]
    public void Eval_on_the_tiny_benchmark_gives_the_known_scores_keyed_by_mode()
    {
        var result = Paperboy("eval", "--corpus", Tiny(), "--queries", Tiny("queries.jsonl"), "--qrels", Tiny("qrels", "test.tsv"), "--embedder", "hashing", "--json");

        Assert.Equal(0, result.ExitCode);
        using var scores = JsonDocument.Parse(result.Output);
        Assert.Equal(["bm25", "hashing", "hybrid"], scores.RootElement.EnumerateObject().Select(p => p.Name));
        // Four of five queries share words with their one relevant document; the fifth ("ocean warming kills polyps") shares none.
        Assert.Equal((0.8, 0.8, 0.8), Scores(scores.RootElement.GetProperty("bm25")));
        // The hashing leg still returns every document: the fifth query's answer comes 9th (1/log2(10) and 1/9, over five queries).
        Assert.Equal((0.8602, 1.0, 0.8222), Scores(scores.RootElement.GetProperty("hashing")));
        Assert.Equal((0.8602, 1.0, 0.8222), Scores(scores.RootElement.GetProperty("hybrid")));
    }

    [Fact]
    public void Eval_accepts_judgments_from_any_path_and_one_mode_at_a_time()
    {
        var qrels = Path.Combine(_data.Path, "my judgments.tsv");
        File.Copy(Tiny("qrels", "test.tsv"), qrels);

        var result = Paperboy("eval", "--corpus", Tiny("corpus.jsonl"), "--queries", Tiny("queries.jsonl"), "--qrels", qrels, "--mode", "keyword", "--json");

        Assert.Equal(0, result.ExitCode);
        using var scores = JsonDocument.Parse(result.Output);
        Assert.Equal(["bm25"], scores.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Eval_keeps_its_scratch_store_in_work_and_a_rerun_reuses_its_vectors()
    {
        var work = Path.Combine(_data.Path, "work");
        string[] eval = ["eval", "--corpus", Tiny(), "--queries", Tiny("queries.jsonl"), "--qrels", Tiny("qrels", "test.tsv"), "--embedder", "hashing", "--json", "--work", work];

        var first = Paperboy(eval);
        var second = Paperboy(eval);
        var index = Paperboy("--data", work, "index", "--embedder", "hashing", "--json");

        Assert.Equal(first.Output, second.Output);
        using var indexed = JsonDocument.Parse(index.Output);
        Assert.Equal(0, indexed.RootElement.GetProperty("embedders")[0].GetProperty("embedded").GetInt32());
        Assert.Equal(20, indexed.RootElement.GetProperty("embedders")[0].GetProperty("vectors").GetInt32());
    }

    [Fact]
    public void Eval_keeps_documents_that_share_a_title_apart()
    {
        var corpus = Path.Combine(_data.Path, "corpus.jsonl");
        File.WriteAllLines(corpus, [
            """{"_id": "11", "title": "Summary", "text": "Penguins huddle to survive the antarctic winter."}""",
            """{"_id": "22", "title": "Summary", "text": "Comets carry water ice from the outer solar system."}""",
            """{"_id": "33", "title": "Unrelated", "text": "Bread rises because yeast releases carbon dioxide."}""",
        ]);
        var queries = Path.Combine(_data.Path, "queries.jsonl");
        File.WriteAllLines(queries, ["""{"_id": "q1", "text": "penguins huddle in winter"}""", """{"_id": "q2", "text": "comets water ice"}"""]);
        var qrels = Path.Combine(_data.Path, "qrels.tsv");
        File.WriteAllLines(qrels, ["q1\t11\t1", "q2\t22\t1"]);

        var result = Paperboy("eval", "--corpus", corpus, "--queries", queries, "--qrels", qrels, "--mode", "keyword", "--json");

        using var scores = JsonDocument.Parse(result.Output);
        Assert.Equal((1.0, 1.0, 1.0), Scores(scores.RootElement.GetProperty("bm25")));
    }

    [Fact]
    public void Eval_with_a_missing_or_malformed_qrels_file_exits_with_1_naming_it()
    {
        var malformed = Path.Combine(_data.Path, "bad.tsv");
        File.WriteAllText(malformed, "q1\td01\t1\nq2 d04 1\n");

        var missing = Paperboy("eval", "--corpus", Tiny(), "--queries", Tiny("queries.jsonl"), "--qrels", "/no/such/qrels.tsv", "--embedder", "none");
        var bad = Paperboy("eval", "--corpus", Tiny(), "--queries", Tiny("queries.jsonl"), "--qrels", malformed, "--embedder", "none");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("/no/such/qrels.tsv", missing.Error, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("bad.tsv:2", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_corpus_is_searchable_by_both_legs_once_indexed()
    {
        Assert.Equal(0, Paperboy("import", "--demo").ExitCode);

        var index = Paperboy("index", "--embedder", "hashing", "--json");
        var hybrid = Paperboy("search", "video diffusion", "--limit", "5", "--json");
        var keyword = Paperboy("search", "video diffusion", "--mode", "keyword", "--json");

        Assert.Equal(0, index.ExitCode);
        using var indexed = JsonDocument.Parse(index.Output);
        var papers = indexed.RootElement.GetProperty("keyword_papers").GetInt32();
        Assert.InRange(papers, 2_800, 3_100);
        Assert.Equal(papers, indexed.RootElement.GetProperty("embedders")[0].GetProperty("vectors").GetInt32());
        Assert.Equal(0, hybrid.ExitCode);
        using var found = JsonDocument.Parse(hybrid.Output);
        var hits = found.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(5, hits.Count);
        Assert.All(hits, h => Assert.Contains("video", h.GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["bm25", "hashing"], hits[0].GetProperty("legs").EnumerateArray().Select(l => l.GetString()));
        var coverage = found.RootElement.GetProperty("coverage")[0];
        Assert.Equal((papers, papers), (coverage.GetProperty("embedded").GetInt32(), coverage.GetProperty("papers").GetInt32()));
        using var byKeyword = JsonDocument.Parse(keyword.Output);
        Assert.All(byKeyword.RootElement.GetProperty("hits").EnumerateArray(), h => Assert.Equal(["bm25"], h.GetProperty("legs").EnumerateArray().Select(l => l.GetString())));
    }

    [Fact]
    public void Related_lists_neighbours_without_the_paper_and_an_unknown_id_exits_with_1()
    {
        Paperboy("import", "--demo");
        Paperboy("index", "--embedder", "hashing");
        using var search = JsonDocument.Parse(Paperboy("search", "video diffusion", "--limit", "1", "--json").Output);
        var id = search.RootElement.GetProperty("hits")[0].GetProperty("id").GetString()!;

        var related = Paperboy("related", id, "--limit", "4", "--json");
        var unknown = Paperboy("related", "9999.99999");

        Assert.Equal(0, related.ExitCode);
        using var neighbours = JsonDocument.Parse(related.Output);
        var ids = neighbours.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()).ToList();
        Assert.Equal(4, ids.Count);
        Assert.DoesNotContain(id, ids);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no paper with id \"9999.99999\"", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_rebuild_redoes_the_keyword_index_from_the_store_with_identical_results_and_keeps_vectors()
    {
        Paperboy("import", "--demo");
        Paperboy("index", "--embedder", "hashing");
        var before = Paperboy("search", "language model agents", "--json").Output;

        var rebuild = Paperboy("index", "--rebuild", "--embedder", "hashing", "--json");

        using var rebuilt = JsonDocument.Parse(rebuild.Output);
        Assert.Equal(rebuilt.RootElement.GetProperty("keyword_papers").GetInt32(), rebuilt.RootElement.GetProperty("keyword_applied").GetInt32());
        Assert.Equal(0, rebuilt.RootElement.GetProperty("embedders")[0].GetProperty("embedded").GetInt32());
        Assert.Equal(before, Paperboy("search", "language model agents", "--json").Output);
    }

    [Fact]
    public void Search_before_any_embedding_answers_by_keyword_and_says_so()
    {
        Paperboy("import", "--demo");

        var result = Paperboy("search", "video diffusion", "--json");

        Assert.Equal(0, result.ExitCode);
        using var found = JsonDocument.Parse(result.Output);
        Assert.NotEmpty(found.RootElement.GetProperty("hits").EnumerateArray());
        Assert.Contains("keyword-only", found.RootElement.GetProperty("semantic_error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("search", "x", "--limit", "0")]
    [InlineData("search", "x", "--mode", "fuzzy")]
    [InlineData("search", "x", "--weight", "2")]
    [InlineData("index", "--embedder", "no-such-model")]
    [InlineData("eval", "--corpus", "x", "--queries", "y")]
    public void Usage_errors_exit_with_2(params string[] arguments)
    {
        var result = Paperboy(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("paperboy: ", result.Error, StringComparison.Ordinal);
    }

    private static (double, double, double) Scores(JsonElement mode) =>
        (mode.GetProperty("ndcg@10").GetDouble(), mode.GetProperty("recall@100").GetDouble(), mode.GetProperty("mrr@10").GetDouble());

    private PaperboyProcess.Result Paperboy(params string[] arguments) =>
        PaperboyProcess.Run(arguments.Contains("--data") ? arguments : ["--data", _data.Path, .. arguments]);
}
