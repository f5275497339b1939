using Paperboy.Papers;
using Paperboy.Search.Embeddings;

namespace Paperboy.Tests.Search.Embeddings;

public sealed class TextEmbeddersTests
{
    [Fact]
    public void An_unknown_name_is_refused_with_the_known_names()
    {
        var error = Assert.Throws<ArgumentException>(() => TextEmbedders.Create("bert-large"));

        Assert.Equal("name", error.ParamName);
        Assert.Contains("'bert-large'", error.Message);
        Assert.Contains(TextEmbedders.MiniLm, error.Message);
    }

    [Fact]
    public void The_hashing_embedder_is_created_by_name() =>
        Assert.IsType<HashingTestEmbedder>(TextEmbedders.Create(" Hashing "));

    [Fact]
    public void A_paper_is_embedded_as_title_space_and_abstract_with_line_breaks_joined()
    {
        var paper = new Paper { Id = "2212.09525", Title = " Attention Is All You Need ", Abstract = "The dominant sequence\ntransduction models" };

        Assert.Equal("Attention Is All You Need The dominant sequence transduction models", EmbeddingText.For(paper));
        Assert.Equal("Only a title", EmbeddingText.Join("Only a title", " "));
    }

    [Fact]
    public void Options_out_of_range_name_the_setting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxSentenceEmbedder(SentenceModel.MiniLmL6V2, new OnnxEmbedderOptions { MaxTokens = 2 }));

        Assert.Equal("MaxTokens", error.ParamName);
    }
}
