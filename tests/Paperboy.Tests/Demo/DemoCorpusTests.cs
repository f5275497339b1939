using Paperboy.Demo;
using Paperboy.Ingest;
using Paperboy.Search.Embeddings;
using Paperboy.Store.Sqlite;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Demo;

public sealed class DemoCorpusTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_shipped_vectors_cover_every_paper_of_the_shipped_corpus()
    {
        using var store = SqlitePaperStore.Open(_directory.Path);
        var report = new PaperImporter(store, new ImportOptions()).Import([DemoCorpus.Input()], cancellation: TestContext.Current.CancellationToken);

        var seeded = Assert.Single(DemoCorpus.SeedVectors(store));

        // A rebuilt corpus without rebuilt vectors shows here as changed texts or unknown papers.
        using (var live = new OnnxSentenceEmbedder(SentenceModel.MiniLmL6V2))
        {
            Assert.Equal(EmbeddingPipeline.ModelOf(live), seeded.Model);
        }

        Assert.Equal((report.New, 0, 0), (seeded.Saved, seeded.UnknownPapers, seeded.ChangedTexts));
        Assert.Empty(store.PapersMissingEmbeddings(seeded.Model, 1));
    }
}
