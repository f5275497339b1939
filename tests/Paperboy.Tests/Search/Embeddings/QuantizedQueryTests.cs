using System.Runtime.InteropServices;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
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
    public void A_constant_bias_joins_its_product_and_any_other_sum_stays_a_node_of_its_own()
    {
        var model = Layer();

        var rewritten = ModelProto.Parser.ParseFrom(DynamicQuantization.Rewrite(model.ToByteArray(), "layer.onnx")).Graph.Node;

        Assert.Equal(["DynamicQuantizeMatMul:x,w.int8,w.scale,w.zero,b>y", "DynamicQuantizeMatMul:x,v.int8,v.scale,v.zero>xv", "Add:r,xv>z"],
            rewritten.Select(n => $"{n.OpType}:{string.Join(',', n.Input)}>{string.Join(',', n.Output)}"));
        using var session = new InferenceSession(DynamicQuantization.Rewrite(model.ToByteArray(), "layer.onnx"));
        using var x = OrtValue.CreateTensorValueFromMemory(new float[] { 0, 255, 10, 20, 30, 40 }, [2, 3]);
        using var r = OrtValue.CreateTensorValueFromMemory(new float[] { 1, 2, 3, 4 }, [2, 2]);
        using var outputs = session.Run(new RunOptions(), ["x", "r"], [x, r], ["y", "z"]);
        Assert.Equal([765 - 50 + 10, 32385 + 60 + 20, 2540 + 90 - 200 + 10, -40 + 3810 + 240 + 20], outputs[0].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal([10 + 1, 32385 + 10 + 2, 2540 + 40 + 3, 3810 + 40 + 4], outputs[1].GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void Naming_the_output_read_drops_the_others_with_the_nodes_and_weights_only_they_read()
    {
        var rewritten = ModelProto.Parser.ParseFrom(DynamicQuantization.Rewrite(Layer().ToByteArray(), "layer.onnx", output: "z")).Graph;

        Assert.Equal(["z"], rewritten.Output.Select(o => o.Name));
        Assert.Equal(["DynamicQuantizeMatMul:x,v.int8,v.scale,v.zero>xv", "Add:r,xv>z"],
            rewritten.Node.Select(n => $"{n.OpType}:{string.Join(',', n.Input)}>{string.Join(',', n.Output)}"));
        Assert.DoesNotContain(rewritten.Initializer, i => i.Name.StartsWith('w') || i.Name == "b");
    }

    [Fact]
    public void Naming_an_output_the_model_lacks_is_refused_with_the_outputs_it_has()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DynamicQuantization.Rewrite(Layer().ToByteArray(), "layer.onnx", output: "pooled"));

        Assert.Equal("layer.onnx: the model has no output 'pooled' (it has y, z).", error.Message);
    }

    /// <summary>
    /// y = x·w + b (a bias), z = x·v + r (a residual, an input). Each weight column's largest magnitude is 127 and x spans
    /// 0-255, so the int8 and uint8 codes are the numbers themselves and the sums compare exactly.
    /// </summary>
    private static ModelProto Layer()
    {
        var graph = new GraphProto { Name = "layer" };
        graph.Input.Add([Input("x", 2, 3), Input("r", 2, 2)]);
        graph.Output.Add([Input("y", 2, 2), Input("z", 2, 2)]);
        graph.Initializer.Add([Floats("w", [3, 2], 127, -2, 3, 127, -5, 6), Floats("b", [2], 10, 20), Floats("v", [3, 2], 127, 0, 0, 127, 1, 1)]);
        graph.Node.Add([
            new NodeProto { OpType = "MatMul", Input = { "x", "w" }, Output = { "xw" } },
            new NodeProto { OpType = "Add", Input = { "xw", "b" }, Output = { "y" } },
            new NodeProto { OpType = "MatMul", Input = { "x", "v" }, Output = { "xv" } },
            new NodeProto { OpType = "Add", Input = { "r", "xv" }, Output = { "z" } },
        ]);
        return new ModelProto { IrVersion = 8, Graph = graph, OpsetImport = { new OperatorSetIdProto { Version = 17 } } };
    }

    private static ValueInfoProto Input(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } } };
    }

    private static TensorProto Floats(string name, long[] dims, params float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.Add(dims);
        return tensor;
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
