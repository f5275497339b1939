using System.Reflection;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using Paperboy.Search.Embeddings;

namespace Paperboy.Tests.Search.Embeddings;

public sealed class QuantizedAttentionTests(LoadedModels models) : IClassFixture<LoadedModels>
{
    /// <summary>Of different lengths, so that a batch of them pads all but the longest.</summary>
    private static readonly string[] _queries =
    [
        "does aspirin prevent heart attacks",
        "vitamin D supplements reduce bone fractures in the elderly living at home",
        "β-blockers",
    ];

    [Theory]
    [InlineData(TextEmbedders.MiniLm)]
    [InlineData(TextEmbedders.ArcticEmbedXs)]
    public void Each_attention_block_becomes_one_node_that_embeds_padded_batches_as_the_separate_products_do(string name)
    {
        var embedder = models[name];
        var weights = ModelBytes(embedder.Model);

        var fused = DynamicQuantization.Rewrite(weights, name);
        var separate = DynamicQuantization.Rewrite(weights, name, fuseAttention: false);

        var nodes = ModelProto.Parser.ParseFrom(fused).Graph.Node;
        Assert.Equal(6, nodes.Count(n => n.OpType == "QAttention"));
        Assert.DoesNotContain(nodes, n => n.OpType is "Softmax" or "Transpose" or "Reshape");
        var batch = embedder.Tokenize(_queries, queries: true);
        Assert.True(batch.TokenCounts.Distinct().Count() == _queries.Length, "every query pads differently");
        var expected = Pooled(separate, batch);
        var actual = Pooled(fused, batch);
        for (var row = 0; row < _queries.Length; row++)
        {
            Assert.InRange(VectorMath.Cosine(expected[row], actual[row]), 0.99999f, 1.00001f);
        }
    }

    [Fact]
    public void A_block_that_differs_from_the_pattern_is_left_as_it_is()
    {
        var model = ModelProto.Parser.ParseFrom(ModelBytes(SentenceModel.MiniLmL6V2));

        // The first layer's scores divided by 2 rather than by the square root of the head size: not what QAttention computes.
        var masked = Producer(model, model.Graph.Node.First(n => n.OpType == "Softmax").Input[0]);
        var scaled = masked.Input.Select(input => Producer(model, input)).First(n => n.OpType == "Div");
        Producer(model, scaled.Input[1]).Attribute[0].T.RawData = ByteString.CopyFrom(BitConverter.GetBytes(2f));

        var nodes = ModelProto.Parser.ParseFrom(DynamicQuantization.Rewrite(model.ToByteArray(), "minilm")).Graph.Node;

        Assert.Equal(5, nodes.Count(n => n.OpType == "QAttention"));
        Assert.Single(nodes, n => n.OpType == "Softmax");
    }

    [Fact]
    public void A_block_whose_head_count_is_left_to_be_inferred_is_left_as_it_is()
    {
        var model = ModelProto.Parser.ParseFrom(ModelBytes(SentenceModel.MiniLmL6V2));

        // The first layer's queries, keys and values reshaped to (batch, sequence, -1, 32): the same tensors, but no head count to read.
        var softmax = model.Graph.Node.First(n => n.OpType == "Softmax");
        var scores = Producer(model, Producer(model, Producer(model, softmax.Input[0]).Input[0]).Input[0]);
        var weighted = model.Graph.Node.Single(n => n.OpType == "MatMul" && n.Input[0] == softmax.Output[0]);
        foreach (var head in new[] { scores.Input[0], scores.Input[1], weighted.Input[1] })
        {
            var reshape = Producer(model, Producer(model, head).Input[0]);
            var count = model.Graph.Initializer.Single(t => t.Name == Producer(model, reshape.Input[1]).Input[2]);
            count.RawData = ByteString.CopyFrom(BitConverter.GetBytes(-1L));
        }

        var nodes = ModelProto.Parser.ParseFrom(DynamicQuantization.Rewrite(model.ToByteArray(), "minilm")).Graph.Node;

        Assert.Equal(5, nodes.Count(n => n.OpType == "QAttention"));
    }

    private static NodeProto Producer(ModelProto model, string output) => model.Graph.Node.Single(n => n.Output.Contains(output));

    private static byte[] ModelBytes(SentenceModel model)
    {
        using var stream = Assembly.Load(new AssemblyName(model.ResourceAssembly)).GetManifestResourceStream(model.ModelResource)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Each row's sum over its real tokens of the model's last hidden state, at unit length.</summary>
    private static float[][] Pooled(byte[] model, TokenBatch batch)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        using var ids = OrtValue.CreateTensorValueFromMemory(batch.InputIds, batch.Shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, batch.Shape);
        using var types = OrtValue.CreateTensorValueFromMemory(batch.TokenTypeIds, batch.Shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [ids, mask, types], ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var dimension = hidden.Length / (batch.Count * batch.Length);
        var rows = new float[batch.Count][];
        for (var row = 0; row < batch.Count; row++)
        {
            rows[row] = new float[dimension];
            for (var token = 0; token < batch.TokenCounts[row]; token++)
            {
                for (var d = 0; d < dimension; d++)
                {
                    rows[row][d] += hidden[(((row * batch.Length) + token) * dimension) + d];
                }
            }

            VectorMath.Normalize(rows[row]);
        }

        return rows;
    }
}
