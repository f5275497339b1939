using Paperboy.Search.Embeddings;
using Paperboy.Store.Sqlite;
using Paperboy.Tests.Support;
using static Paperboy.Tests.Support.Records;

namespace Paperboy.Tests.Search.Embeddings;

public sealed class EmbeddingPipelineTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqlitePaperStore _store;
    private readonly CountingEmbedder _embedder = new();

    public EmbeddingPipelineTests() => _store = SqlitePaperStore.Open(_directory.Path);

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Every_paper_is_embedded_once_and_a_second_run_does_nothing()
    {
        _store.Merge([.. Enumerable.Range(1, 5).Select(i => Arxiv($"2401.0000{i}", $"Paper {i} about graphs"))]);
        var pipeline = new EmbeddingPipeline(_store, _embedder, batchSize: 2);

        var first = pipeline.Run(cancellation: TestContext.Current.CancellationToken);
        var second = pipeline.Run(cancellation: TestContext.Current.CancellationToken);

        Assert.Equal((5, 0, false), (first.Embedded, first.Confirmed, first.Cancelled));
        Assert.Equal((0, 0), (second.Embedded, second.Confirmed));
        Assert.Equal(5, _embedder.Texts.Count);
        var stored = _store.LoadEmbeddings(pipeline.Model).ToDictionary(e => e.PaperId);
        var paper = _store.Find("2401.00003")!;
        Assert.Equal(_embedder.Inner.Embed(EmbeddingText.For(paper)), stored["2401.00003"].Vector);
    }

    [Fact]
    public void A_change_to_the_text_re_embeds_and_a_change_elsewhere_keeps_the_vector()
    {
        _store.Merge([Arxiv("2401.00001", "Graphs"), Arxiv("2401.00002", "Trees")]);
        var pipeline = new EmbeddingPipeline(_store, _embedder);
        pipeline.Run(cancellation: TestContext.Current.CancellationToken);
        _store.Merge([Arxiv("2401.00001", "Graphs", upvotes: 7), Arxiv("2401.00002", "Forests", version: 2)]);

        var rerun = pipeline.Run(cancellation: TestContext.Current.CancellationToken);

        Assert.Equal((1, 1), (rerun.Embedded, rerun.Confirmed));
        Assert.Equal("Forests An abstract.", _embedder.Texts[^1]);
        Assert.Empty(_store.PapersMissingEmbeddings(pipeline.Model, 10));
    }

    [Fact]
    public void Papers_are_embedded_shortest_text_first_within_a_window()
    {
        _store.Merge([Arxiv("2401.00001", "A much longer title than the others"), Arxiv("2401.00002", "Short"), Arxiv("2401.00003", "Medium title")]);

        new EmbeddingPipeline(_store, _embedder, batchSize: 1).Run(cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(["Short An abstract.", "Medium title An abstract.", "A much longer title than the others An abstract."], _embedder.Texts);
    }

    [Fact]
    public void A_cancelled_run_keeps_its_finished_batches_and_the_next_run_resumes()
    {
        _store.Merge([.. Enumerable.Range(1, 6).Select(i => Arxiv($"2401.0000{i}", $"Paper {i}"))]);
        var pipeline = new EmbeddingPipeline(_store, _embedder, batchSize: 2);
        using var cancellation = new CancellationTokenSource();
        var reports = new List<EmbeddingProgress>();

        var cancelled = pipeline.Run(new InlineProgress(p => { reports.Add(p); cancellation.Cancel(); }), cancellation.Token);

        Assert.Equal((2, true), (cancelled.Embedded, cancelled.Cancelled));
        Assert.Equal(2, _store.CountEmbeddings(pipeline.Model));
        Assert.Equal(4, Assert.Single(reports).Remaining);
        var resumed = pipeline.Run(cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(4, resumed.Embedded);
        Assert.Equal(6, _embedder.Texts.Count);
    }

    [Fact]
    public void A_new_model_version_re_embeds_everything()
    {
        _store.Merge([Arxiv("2401.00001"), Arxiv("2401.00002")]);
        new EmbeddingPipeline(_store, new HashingTestEmbedder(16)).Run(cancellation: TestContext.Current.CancellationToken);

        var other = new EmbeddingPipeline(_store, new HashingTestEmbedder(32)).Run(cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(2, other.Embedded);
    }

    /// <summary>The hashing embedder, recording every text it embeds in order.</summary>
    private sealed class CountingEmbedder : ITextEmbedder
    {
        public HashingTestEmbedder Inner { get; } = new();

        public List<string> Texts { get; } = [];

        public string Name => Inner.Name;

        public string Version => Inner.Version;

        public int Dimension => Inner.Dimension;

        public float[][] EmbedDocuments(IReadOnlyList<string> texts)
        {
            Texts.AddRange(texts);
            return Inner.EmbedDocuments(texts);
        }

        public float[] EmbedQuery(string query) => Inner.EmbedQuery(query);
    }

    private sealed class InlineProgress(Action<EmbeddingProgress> report) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value) => report(value);
    }
}
