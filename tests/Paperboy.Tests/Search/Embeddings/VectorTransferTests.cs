using System.IO.Compression;
using Paperboy.Ingest;
using Paperboy.Papers;
using Paperboy.Search.Embeddings;
using Paperboy.Store;
using Paperboy.Store.Sqlite;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Search.Embeddings;

public sealed class VectorTransferTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly HashingTestEmbedder _embedder = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Exported_vectors_load_into_another_store_with_the_same_papers()
    {
        using var source = StoreWith("source", Records.Arxiv("2401.00001", "Graph networks"), Records.Arxiv("2401.00002", "Protein folding"));
        new EmbeddingPipeline(source, _embedder).Run(cancellation: TestContext.Current.CancellationToken);
        using var target = StoreWith("target", Records.Arxiv("2401.00001", "Graph networks"), Records.Arxiv("2401.00002", "Protein folding"));

        var summary = VectorTransfer.Import(target, RoundTrip(source), "vectors.pbvec");

        Assert.Equal((2, 0, 0), (summary.Saved, summary.UnknownPapers, summary.ChangedTexts));
        var model = EmbeddingPipeline.ModelOf(_embedder);
        Assert.Empty(target.PapersMissingEmbeddings(model, 10));
        var original = source.LoadEmbeddings(model).ToDictionary(e => e.PaperId);
        foreach (var loaded in target.LoadEmbeddings(model))
        {
            // Half precision: each component within about 1e-3 of the original, the cosine all but 1.
            Assert.True(VectorMath.Cosine(loaded.Vector, original[loaded.PaperId].Vector) > 0.9999f);
        }
    }

    [Fact]
    public void Vectors_of_unknown_papers_and_changed_texts_are_counted_not_saved()
    {
        using var source = StoreWith("source", Records.Arxiv("2401.00001", "Graph networks"), Records.Arxiv("2401.00002", "Protein folding"), Records.Arxiv("2401.00003", "Only here"));
        new EmbeddingPipeline(source, _embedder).Run(cancellation: TestContext.Current.CancellationToken);
        using var target = StoreWith("target", Records.Arxiv("2401.00001", "Graph networks"), Records.Arxiv("2401.00002", "Protein folding, revised"));

        var summary = VectorTransfer.Import(target, RoundTrip(source), "vectors.pbvec");

        Assert.Equal((1, 1, 1), (summary.Saved, summary.UnknownPapers, summary.ChangedTexts));
        Assert.Equal("2401.00002", Assert.Single(target.PapersMissingEmbeddings(EmbeddingPipeline.ModelOf(_embedder), 10)).Paper.Id);
    }

    [Fact]
    public void A_file_that_is_not_a_vector_file_is_refused_by_name()
    {
        using var store = StoreWith("target");
        var other = new MemoryStream();
        using (var gzip = new GZipStream(other, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(gzip))
        {
            writer.Write("something else");
        }

        other.Position = 0;
        var failure = Assert.Throws<InputException>(() => VectorTransfer.Import(store, other, "papers.jsonl.gz"));

        Assert.Equal("papers.jsonl.gz: not a Paperboy vector file (it does not start with the paperboy-vectors header)", failure.Message);
        var text = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{\"id\": \"2401.00001\"}\n"));
        var notGzip = Assert.Throws<InputException>(() => VectorTransfer.Import(store, text, "papers.jsonl"));
        Assert.Equal("papers.jsonl: not a Paperboy vector file (it is not gzip; 'paperboy vectors export' writes gzipped files)", notGzip.Message);
    }

    [Fact]
    public void A_cut_short_file_names_the_entry_and_keeps_the_batches_before_it()
    {
        using var source = StoreWith("source", Records.Arxiv("2401.00001", "Graph networks"), Records.Arxiv("2401.00002", "Protein folding"));
        new EmbeddingPipeline(source, _embedder).Run(cancellation: TestContext.Current.CancellationToken);
        using var target = StoreWith("target", Records.Arxiv("2401.00001", "Graph networks"));
        var whole = RoundTrip(source);
        var raw = new MemoryStream();
        using (var gzip = new GZipStream(whole, CompressionMode.Decompress))
        {
            gzip.CopyTo(raw);
        }

        var cut = new MemoryStream();
        using (var gzip = new GZipStream(cut, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw.ToArray().AsSpan(0, (int)raw.Length - 10));
        }

        cut.Position = 0;
        var failure = Assert.Throws<InputException>(() => VectorTransfer.Import(target, cut, "cut.pbvec"));

        Assert.StartsWith("cut.pbvec: cut short or damaged while reading entry 2 of 2", failure.Message);
    }

    private SqlitePaperStore StoreWith(string name, params PaperRecord[] records)
    {
        var store = SqlitePaperStore.Open(Path.Combine(_directory.Path, name));
        if (records.Length > 0)
        {
            store.Merge(records);
        }

        return store;
    }

    private MemoryStream RoundTrip(IPaperStore source)
    {
        var file = new MemoryStream();
        VectorTransfer.Export(source, EmbeddingPipeline.ModelOf(_embedder), file);
        file.Position = 0;
        return file;
    }
}
