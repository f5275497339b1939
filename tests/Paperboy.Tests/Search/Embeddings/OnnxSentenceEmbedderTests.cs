using System.Reflection;
using Paperboy.Search.Embeddings;

namespace Paperboy.Tests.Search.Embeddings;

public sealed class OnnxSentenceEmbedderTests(LoadedModels models) : IClassFixture<LoadedModels>
{
    private const string Arctic = TextEmbedders.ArcticEmbedXs;
    private const string MiniLm = TextEmbedders.MiniLm;

    private static readonly string[] _texts =
    [
        "Aspirin lowers the risk of heart attack in older adults.",
        "A",
        "Graph neural networks for molecular property prediction: we propose message passing over atoms and bonds, "
            + "evaluate on twelve benchmarks and report state-of-the-art accuracy with a fraction of the parameters.",
        "",
        "Transformers outperform recurrent networks on machine translation.",
    ];

    [Theory]
    [InlineData(Arctic)]
    [InlineData(MiniLm)]
    public void Vectors_have_384_dimensions_and_unit_length(string name)
    {
        var embedder = models[name];
        var vectors = embedder.EmbedDocuments(_texts).Append(embedder.EmbedQuery("vitamin D and bone fractures"));

        Assert.Equal(384, embedder.Dimension);
        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 4);
        });
    }

    [Theory]
    [InlineData(Arctic)]
    [InlineData(MiniLm)]
    public void A_paraphrase_is_closer_than_an_unrelated_text(string name)
    {
        var vectors = models[name].EmbedDocuments(
        [
            "The cat sat on the mat.",
            "A cat was sitting on the rug.",
            "Quarterly revenue of the bank rose by four percent.",
        ]);

        var paraphrase = VectorMath.Cosine(vectors[0], vectors[1]);
        var unrelated = VectorMath.Cosine(vectors[0], vectors[2]);
        Assert.True(paraphrase > unrelated + 0.1f, $"paraphrase {paraphrase}, unrelated {unrelated}");
    }

    [Fact]
    public void Arctic_prefixes_queries_and_MiniLm_does_not()
    {
        const string query = "does aspirin prevent heart attacks";

        var arcticQuery = models[Arctic].EmbedQuery(query);
        var arcticDocument = models[Arctic].EmbedDocuments([query])[0];
        var miniLmQuery = models[MiniLm].EmbedQuery(query);
        var miniLmDocument = models[MiniLm].EmbedDocuments([query])[0];

        Assert.True(VectorMath.Cosine(arcticQuery, arcticDocument) < 0.99f);
        Assert.Equal(1f, VectorMath.Cosine(miniLmQuery, miniLmDocument), 5);
    }

    [Theory]
    [InlineData(Arctic)]
    [InlineData(MiniLm)]
    public void A_batch_gives_the_vectors_of_one_text_at_a_time_despite_padding(string name)
    {
        var embedder = models[name];

        var batched = embedder.EmbedDocuments(_texts);

        for (var i = 0; i < _texts.Length; i++)
        {
            var alone = embedder.EmbedDocuments([_texts[i]])[0];
            var largest = batched[i].Zip(alone, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(largest < 1e-4f, $"text {i}: largest difference {largest}");
        }
    }

    [Theory]
    [InlineData(Arctic)]
    [InlineData(MiniLm)]
    public void A_3000_word_text_is_cut_to_512_tokens_ending_with_SEP(string name)
    {
        var embedder = models[name];
        var text = LongText(3000);

        var batch = embedder.Tokenize([text, "short"], queries: false);
        var vector = embedder.EmbedDocuments([text])[0];

        Assert.Equal(512, batch.TokenCounts[0]);
        Assert.Equal(512, batch.Length);
        Assert.Equal(embedder.SeparatorId, batch.Row(0)[^1]);
        Assert.Equal(embedder.SeparatorId, batch.Row(1)[^1]);
        Assert.Equal(0, batch.AttentionMask[batch.Length + batch.TokenCounts[1]]);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(x => (double)x * x)), 4);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(40)]
    public void The_encoder_honours_any_token_limit_and_keeps_SEP(int maxTokens)
    {
        var model = SentenceModel.MiniLmL6V2;
        using var vocabulary = Assembly.Load(model.ResourceAssembly).GetManifestResourceStream(model.VocabularyResource)!;
        var encoder = new WordPieceEncoder(vocabulary, model.VocabularyResource, lowercase: true, maxTokens);

        // FastBertTokenizer may overshoot the limit it is given (it finishes a word); rows must still come out at the limit.
        var batch = encoder.Encode([LongText(200), "electroencephalographically " + LongText(100)], "");

        for (var row = 0; row < batch.Count; row++)
        {
            Assert.Equal(maxTokens, batch.TokenCounts[row]);
            Assert.Equal(encoder.SeparatorId, batch.Row(row)[^1]);
        }
    }

    [Fact]
    public void Version_names_the_package_pooling_and_token_limit()
    {
        Assert.Equal("24.9.52193;cls;max512", models[Arctic].Version);
        Assert.Equal("24.9.52193;mean;max512", models[MiniLm].Version);
    }

    private static string LongText(int words)
    {
        string[] vocabulary = ["protein", "binding", "affinity", "increased", "significantly", "in", "mice", "treated", "with", "interleukin-6"];
        return string.Join(' ', Enumerable.Range(0, words).Select(i => vocabulary[i * 7 % vocabulary.Length]));
    }
}
