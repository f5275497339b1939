using Google.Protobuf;
using Onnx;
using Paperboy.Search.Embeddings;

namespace Paperboy.Tests.Search.Embeddings;

public sealed class QuantizedQueryTests(LoadedModels models) : IClassFixture<LoadedModels>
{
    private static readonly string[] _queries =
    [
        "vitamin D supplements reduce bone fractures in the elderly",
        "does aspirin prevent heart attacks",
        "graph neural networks for molecules",
        "β-blockers after myocardial infarction",
    ];

    [Fact]
    public void Quantized_queries_stay_close_to_the_float_model_but_are_not_identical()
    {
        using var quantized = new OnnxSentenceEmbedder(SentenceModel.MiniLmL6V2, new OnnxEmbedderOptions { QuantizedQueries = true });
        var exact = models[TextEmbedders.MiniLm];

        foreach (var query in _queries)
        {
            var cosine = VectorMath.Cosine(exact.EmbedQuery(query), quantized.EmbedQuery(query));
            Assert.InRange(cosine, 0.96f, 0.9999f);
        }

        // Papers are embedded by the float model either way, so their stored vectors stay valid.
        Assert.Equal(exact.Version, quantized.Version);
        Assert.Equal(exact.EmbedDocuments([_queries[0]])[0], quantized.EmbedDocuments([_queries[0]])[0]);
    }

    [Fact]
    public void A_quantized_query_finds_the_paper_it_asks_about()
    {
        using var quantized = new OnnxSentenceEmbedder(SentenceModel.MiniLmL6V2, new OnnxEmbedderOptions { QuantizedQueries = true });
        var papers = quantized.EmbedDocuments(
        [
            "Quarterly revenue of the bank rose by four percent.",
            "Low-dose aspirin and the risk of myocardial infarction: a randomised trial in older adults.",
            "Message passing networks predict molecular properties.",
        ]);

        var query = quantized.EmbedQuery("does aspirin prevent heart attacks");

        var best = Enumerable.Range(0, papers.Length).MaxBy(i => VectorMath.Cosine(query, papers[i]));
        Assert.Equal(1, best);
    }

    [Fact]
    public void A_model_without_weight_products_is_refused_with_its_name()
    {
        var graph = new GraphProto { Name = "adds" };
        graph.Node.Add(new NodeProto { OpType = "Add", Input = { "x", "x" }, Output = { "y" } });
        var model = new ModelProto { IrVersion = 8, Graph = graph };

        var error = Assert.Throws<InvalidOperationException>(() => DynamicQuantization.Rewrite(model.ToByteArray(), "tiny.onnx"));

        Assert.Equal("tiny.onnx: the model has no MatMul by a constant float matrix to quantize.", error.Message);
    }
}
