using CsCheck;
using Paperboy.Search.Embeddings;

namespace Paperboy.Tests.Search.Embeddings;

public sealed class HashingTestEmbedderTests
{
    [Fact]
    public void The_same_text_gets_the_same_vector_from_any_instance()
    {
        const string text = "Diffusion models generate images from noise.";

        var first = new HashingTestEmbedder().EmbedQuery(text);
        var second = new HashingTestEmbedder().EmbedDocuments([text])[0];

        Assert.Equal(first, second);
        Assert.Equal(64, first.Length);
    }

    [Fact]
    public void Texts_sharing_word_stems_are_closer_than_unrelated_texts()
    {
        var embedder = new HashingTestEmbedder();
        var vectors = embedder.EmbedDocuments(
        [
            "Training diffusion models for image generation",
            "A diffusion model trained to generate images",
            "Tax policy and household savings in rural economies",
        ]);

        Assert.True(VectorMath.Cosine(vectors[0], vectors[1]) > VectorMath.Cosine(vectors[0], vectors[2]) + 0.3f);
    }

    [Fact]
    public void Vectors_are_unit_length_or_zero_for_text_without_words() =>
        Gen.String.Sample(text =>
        {
            var norm = Math.Sqrt(new HashingTestEmbedder(16).Embed(text).Sum(x => (double)x * x));
            return Math.Abs(norm - 1) < 1e-5 || (norm == 0 && !HashingTestEmbedder.Words(text).Any());
        });

    [Theory]
    [InlineData("networks", "network")]
    [InlineData("training", "train")]
    [InlineData("generated", "generat")]
    [InlineData("generation", "gener")]
    [InlineData("is", "is")]
    public void Stems_strip_common_suffixes(string word, string stem) => Assert.Equal(stem, HashingTestEmbedder.Stem(word));

    [Fact]
    public void Stop_words_and_punctuation_are_not_words() =>
        Assert.Equal(["graph", "neural", "nets", "kind"], HashingTestEmbedder.Words("The Graph-neural nets, of a kind!"));
}
