using Paperboy.Store;
using static Paperboy.Tests.Support.Records;

namespace Paperboy.Tests.Store;

/// <summary>The contract for stored embeddings: saved once per model version, re-embedded only when the text changes.</summary>
public abstract partial class PaperStoreContract
{
    private static readonly EmbeddingModel _model = new("tiny", "1", 3);
    private static readonly float[] _first = [0.6f, 0.8f, 0f];
    private static readonly float[] _third = [0f, 0f, 1f];

    [Fact]
    public void Saved_vectors_load_back_for_their_model_only()
    {
        Store.Merge([Arxiv("2401.00001"), Arxiv("2401.00002")]);
        var paper = Store.Find("2401.00001")!;

        Store.SaveEmbeddings(_model, [new PaperEmbedding(paper.Id, paper.Sequence, "h1", _first)]);

        var loaded = Assert.Single(Store.LoadEmbeddings(_model));
        Assert.Equal("2401.00001", loaded.PaperId);
        Assert.Equal(_first, loaded.Vector);
        Assert.Empty(Store.LoadEmbeddings(_model with { Version = "2" }));
        Assert.Empty(Store.LoadEmbeddings(_model with { Name = "other" }));
        Assert.Empty(Store.LoadEmbeddings(_model, afterSequence: loaded.Sequence));
    }

    [Fact]
    public void Papers_without_a_vector_are_missing_until_saved()
    {
        Store.Merge([Arxiv("2401.00001"), Arxiv("2401.00002"), Arxiv("2401.00003")]);
        var missing = Store.PapersMissingEmbeddings(_model, 2);

        Assert.Equal(["2401.00001", "2401.00002"], missing.Select(c => c.Paper.Id));
        Assert.All(missing, c => Assert.Null(c.StoredTextHash));
        Store.SaveEmbeddings(_model, missing.Select(c => new PaperEmbedding(c.Paper.Id, c.Paper.Sequence, "h", [1f, 0f, 0f])).ToList());

        Assert.Equal(["2401.00003"], Store.PapersMissingEmbeddings(_model, 10).Select(c => c.Paper.Id));
        Assert.Equal(2, Store.CountEmbeddings(_model));
        Assert.Equal(3, Store.PapersMissingEmbeddings(_model with { Version = "2" }, 10).Count);
    }

    [Fact]
    public void A_changed_paper_is_missing_again_with_its_stored_hash_until_confirmed()
    {
        Store.Merge([Arxiv("2401.00001", "Title")]);
        var paper = Store.Find("2401.00001")!;
        Store.SaveEmbeddings(_model, [new PaperEmbedding(paper.Id, paper.Sequence, "h1", [1f, 0f, 0f])]);
        Store.Merge([Arxiv("2401.00001", "Title", upvotes: 5)]);

        var candidate = Assert.Single(Store.PapersMissingEmbeddings(_model, 10));
        Assert.Equal("h1", candidate.StoredTextHash);
        Store.ConfirmEmbeddings(_model, [(candidate.Paper.Id, candidate.Paper.Sequence)]);

        Assert.Empty(Store.PapersMissingEmbeddings(_model, 10));
        Assert.Single(Store.LoadEmbeddings(_model));
    }

    [Fact]
    public void A_replaced_vector_loads_once_with_a_later_sequence()
    {
        Store.Merge([Arxiv("2401.00001"), Arxiv("2401.00002")]);
        Store.SaveEmbeddings(_model, [new PaperEmbedding("2401.00001", 1, "h1", [1f, 0f, 0f]), new PaperEmbedding("2401.00002", 2, "h2", [0f, 1f, 0f])]);
        var before = Store.LoadEmbeddings(_model).Select(e => e.Sequence).Max();

        Store.SaveEmbeddings(_model, [new PaperEmbedding("2401.00001", 1, "h3", _third)]);

        var later = Assert.Single(Store.LoadEmbeddings(_model, before));
        Assert.Equal("2401.00001", later.PaperId);
        Assert.Equal(_third, later.Vector);
        Assert.Equal(2, Store.LoadEmbeddings(_model).Count());
    }

    [Fact]
    public void Deleting_a_paper_deletes_its_vectors_and_saving_one_for_a_deleted_paper_is_skipped()
    {
        Store.Merge([Arxiv("2401.00001"), Arxiv("2401.00002")]);
        Store.SaveEmbeddings(_model, [new PaperEmbedding("2401.00001", 1, "h1", [1f, 0f, 0f])]);

        Store.Delete("2401.00001");
        Store.SaveEmbeddings(_model, [new PaperEmbedding("2401.00009", 1, "h9", [1f, 0f, 0f])]);

        Assert.Empty(Store.LoadEmbeddings(_model));
    }

    [Fact]
    public void A_vector_of_the_wrong_dimension_is_refused_naming_the_paper()
    {
        Store.Merge([Arxiv("2401.00001")]);

        var error = Assert.Throws<ArgumentException>(() => Store.SaveEmbeddings(_model, [new PaperEmbedding("2401.00001", 1, "h", [1f, 0f])]));

        Assert.Contains("2401.00001", error.Message, StringComparison.Ordinal);
        Assert.Empty(Store.LoadEmbeddings(_model));
    }
}
