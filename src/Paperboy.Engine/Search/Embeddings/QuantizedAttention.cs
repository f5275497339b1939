using System.Runtime.InteropServices;
using Onnx;

namespace Paperboy.Search.Embeddings;

/// <summary>Rewrites each self-attention block of a BERT-style model into ONNX Runtime's <c>com.microsoft.QAttention</c>.</summary>
/// <remarks>
/// A block, as exported from PyTorch: the layer input X times three weight matrices plus biases gives the queries, keys
/// and values; each is reshaped into heads and transposed; the queries times the keys, divided by the square root of the
/// head size, plus the additive padding mask (<c>(1 - attention_mask) × -10000</c>, or the lowest float), go through a softmax and times the
/// values; the heads are transposed and reshaped back. That is 20-odd nodes per layer, most of them moving data.
/// <c>QAttention</c> takes X quantized once (<c>DynamicQuantizeLinear</c>, the same per-tensor quantization the separate
/// products used), the three matrices side by side in int8 with one scale per column, and the raw attention mask, and does
/// the rest in one kernel: the queries, keys and values come out equal to those of the separate int8 products, and the
/// attention itself stays in float. A block that differs in any way from this pattern is left as it is.
/// </remarks>
internal static class QuantizedAttention
{
    /// <summary>
    /// QAttention's filler for the scores of padding tokens. Exports use it or the lowest float; either way a padding
    /// token's weight after the softmax underflows to exactly 0, so the fillers are interchangeable.
    /// </summary>
    private const float MaskFiller = -10000f;

    /// <summary>Fuses every block that matches.</summary>
    public static void Fuse(GraphProto graph, Dictionary<string, TensorProto> weights)
    {
        var producers = graph.Node.SelectMany(node => node.Output.Select(output => (output, node)))
            .ToDictionary(p => p.output, p => p.node, StringComparer.Ordinal);
        var constants = graph.Node.Where(node => node.OpType == "Constant" && node.Attribute.Count == 1 && node.Attribute[0].T is not null)
            .ToDictionary(node => node.Output[0], node => node.Attribute[0].T, StringComparer.Ordinal);
        foreach (var (name, tensor) in weights)
        {
            constants.TryAdd(name, tensor);
        }

        var finder = new BlockFinder(producers, constants, weights);
        string? mask = null;
        var fused = false;
        foreach (var softmax in graph.Node.Where(node => node.OpType == "Softmax" && node.Domain.Length == 0).ToList())
        {
            // Every layer of a BERT-style model masks with the same graph input.
            if (finder.Match(softmax) is not { } block || (mask is not null && mask != block.AttentionMask + ".int32"))
            {
                continue;
            }

            if (mask is null)
            {
                mask = block.AttentionMask + ".int32";
                var cast = new NodeProto { Name = mask, OpType = "Cast" };
                cast.Input.Add(block.AttentionMask);
                cast.Output.Add(mask);
                cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Int32 });
                graph.Node.Insert(0, cast);
            }

            Replace(graph, block, mask, weights);
            fused = true;
        }

        if (fused)
        {
            DynamicQuantization.RemoveUnread(graph);
        }
    }

    private static void Replace(GraphProto graph, Block block, string mask, Dictionary<string, TensorProto> weights)
    {
        var name = block.Output + ".qattention";
        var quantize = new NodeProto { Name = name + ".input", OpType = "DynamicQuantizeLinear" };
        quantize.Input.Add(block.Input);
        quantize.Output.Add([name + ".x", name + ".x_scale", name + ".x_zero"]);

        var matrices = block.Weights.Select(w => weights[w]).ToArray();
        var rows = (int)matrices[0].Dims[0];
        var columns = matrices.Sum(m => (int)m.Dims[1]);
        var sideBySide = new float[rows * columns];
        var offset = 0;
        foreach (var matrix in matrices)
        {
            var values = DynamicQuantization.FloatsOf(matrix);
            var width = (int)matrix.Dims[1];
            for (var row = 0; row < rows; row++)
            {
                values.AsSpan(row * width, width).CopyTo(sideBySide.AsSpan((row * columns) + offset, width));
            }

            offset += width;
        }

        var combined = name + ".weight";
        DynamicQuantization.AddQuantized(combined, sideBySide, rows, columns, graph);
        var bias = block.Biases.SelectMany(b => DynamicQuantization.FloatsOf(weights[b])).ToArray();
        graph.Initializer.Add(DynamicQuantization.Tensor(name + ".bias", TensorProto.Types.DataType.Float, [bias.Length], MemoryMarshal.AsBytes(bias.AsSpan()).ToArray()));

        var attention = new NodeProto { Name = name, OpType = "QAttention", Domain = DynamicQuantization.ContribDomain };
        attention.Input.Add([
            name + ".x", combined + ".int8", name + ".bias", name + ".x_scale", combined + ".scale", mask, name + ".x_zero", combined + ".zero",
        ]);
        attention.Output.Add(block.Output);
        attention.Attribute.Add(new AttributeProto { Name = "num_heads", Type = AttributeProto.Types.AttributeType.Int, I = block.Heads });

        // The block's own nodes stop being read once its output comes from here, and go with everything else unread.
        var producer = graph.Node.First(node => node.Output.Contains(block.Output));
        producer.Output.Remove(block.Output);
        producer.Output.Add(block.Output + ".replaced");
        var at = graph.Node.IndexOf(producer);
        graph.Node.Insert(at, attention);
        graph.Node.Insert(at, quantize);
    }

    /// <summary>A matched block: its input X, output, weight matrices and biases (queries, keys, values), heads and mask input.</summary>
    private sealed record Block(string Input, string Output, string[] Weights, string[] Biases, int Heads, string AttentionMask);

    /// <summary>Walks the graph from a softmax, back to the projections and forward to the block's output.</summary>
    private sealed class BlockFinder(Dictionary<string, NodeProto> producers, Dictionary<string, TensorProto> constants, Dictionary<string, TensorProto> weights)
    {
        private readonly ILookup<string, NodeProto> _readers = producers.Values.Distinct()
            .SelectMany(node => node.Input.Select(input => (input, node))).ToLookup(p => p.input, p => p.node, StringComparer.Ordinal);

        public Block? Match(NodeProto softmax)
        {
            if (Attribute(softmax, "axis") is not (-1 or 3)
                || Producer(softmax.Input[0], "Add") is not { } masked
                || OtherInput(masked, "Div", out var scaled) is not { } additive
                || Producer(scaled.Input[0], "MatMul") is not { } scores
                || Scalar(scaled.Input[1]) is not { } divisor
                || AttentionMaskOf(additive) is not { } attentionMask
                || Head(scores.Input[0], [0, 2, 1, 3]) is not { } query
                || Head(scores.Input[1], [0, 2, 3, 1]) is not { } key
                || _readers[softmax.Output[0]].ToList() is not [{ OpType: "MatMul" } weighted]
                || weighted.Input[0] != softmax.Output[0]
                || Head(weighted.Input[1], [0, 2, 1, 3]) is not { } value
                || _readers[weighted.Output[0]].ToList() is not [{ OpType: "Transpose" } merged]
                || !Permutation(merged, [0, 2, 1, 3])
                || _readers[merged.Output[0]].Where(node => node.OpType != "Shape").ToList() is not [{ OpType: "Reshape" } output])
            {
                return null;
            }

            var hidden = query.Columns;
            var heads = query.Heads;
            var sameInput = query.Input == key.Input && key.Input == value.Input;
            var sameShape = key.Columns == hidden && value.Columns == hidden && key.Heads == heads && value.Heads == heads && hidden % heads == 0;
            if (!sameInput || !sameShape || !(Math.Abs(divisor - MathF.Sqrt(hidden / heads)) <= 1e-4f * divisor))
            {
                return null;
            }

            return new Block(query.Input, output.Output[0], [query.Weight, key.Weight, value.Weight], [query.Bias, key.Bias, value.Bias], heads, attentionMask);
        }

        /// <summary>X times a weight matrix plus a bias, reshaped into heads and transposed by <paramref name="permutation"/>.</summary>
        private Projection? Head(string name, long[] permutation)
        {
            if (Producer(name, "Transpose") is not { } transpose || !Permutation(transpose, permutation)
                || Producer(transpose.Input[0], "Reshape") is not { } reshape
                || Producer(reshape.Input[0], "Add") is not { } add
                || OtherInput(add, "MatMul", out var product) is not { } bias
                || !weights.TryGetValue(product.Input[1], out var weight) || weight.Dims.Count != 2
                || weight.DataType != (int)TensorProto.Types.DataType.Float
                || !weights.TryGetValue(bias, out var biasTensor) || biasTensor.Dims.Count != 1 || biasTensor.Dims[0] != weight.Dims[1]
                || HeadsOf(reshape.Input[1]) is not { } heads)
            {
                return null;
            }

            return new Projection(product.Input[0], product.Input[1], bias, (int)weight.Dims[1], heads);
        }

        /// <summary>
        /// The head count of a reshape to (batch, sequence, heads, head size), its shape given whole or concatenated from
        /// scalars; null unless it is a count (a reshape may leave a dimension to be inferred, as -1).
        /// </summary>
        private int? HeadsOf(string shape)
        {
            long[] dims;
            if (constants.TryGetValue(shape, out var whole))
            {
                dims = Longs(whole);
            }
            else if (Producer(shape, "Concat") is { Input.Count: 4 } concat && constants.TryGetValue(concat.Input[2], out var heads))
            {
                dims = [0, 0, .. Longs(heads), 0];
            }
            else
            {
                return null;
            }

            return dims is [_, _, var count and > 0 and <= 4096, _] ? (int)count : null;
        }

        /// <summary>The graph input read by an additive mask <c>(1 - cast(unsqueeze(mask))) × -10000</c>.</summary>
        private string? AttentionMaskOf(string additive)
        {
            if (Producer(additive, "Mul") is not { } scaled
                || Scalar(scaled.Input[1]) is not <= MaskFiller
                || Producer(scaled.Input[0], "Sub") is not { } inverted
                || Scalar(inverted.Input[0]) != 1f)
            {
                return null;
            }

            var source = inverted.Input[1];
            while (producers.TryGetValue(source, out var node) && node.OpType is "Cast" or "Unsqueeze")
            {
                source = node.Input[0];
            }

            return producers.ContainsKey(source) || constants.ContainsKey(source) ? null : source;
        }

        private NodeProto? Producer(string name, string opType) =>
            producers.TryGetValue(name, out var node) && node.OpType == opType && node.Domain.Length == 0 ? node : null;

        /// <summary>The input of a two-input node that is not produced by an <paramref name="opType"/> node, that node coming out in <paramref name="other"/>.</summary>
        private string? OtherInput(NodeProto node, string opType, out NodeProto other)
        {
            for (var i = 0; i < 2 && node.Input.Count == 2; i++)
            {
                if (Producer(node.Input[i], opType) is { } found)
                {
                    other = found;
                    return node.Input[1 - i];
                }
            }

            other = null!;
            return null;
        }

        private float? Scalar(string name) =>
            constants.TryGetValue(name, out var tensor) && tensor.DataType == (int)TensorProto.Types.DataType.Float
            && DynamicQuantization.FloatsOf(tensor) is [var value] ? value : null;

        private static long[] Longs(TensorProto tensor) => tensor.DataType != (int)TensorProto.Types.DataType.Int64 ? []
            : tensor.Int64Data.Count > 0 ? [.. tensor.Int64Data] : MemoryMarshal.Cast<byte, long>(tensor.RawData.Span).ToArray();

        private static bool Permutation(NodeProto transpose, long[] expected) =>
            transpose.Attribute.FirstOrDefault(a => a.Name == "perm") is { } perm && perm.Ints.SequenceEqual(expected);

        private static long? Attribute(NodeProto node, string name) =>
            node.Attribute.FirstOrDefault(a => a.Name == name) is { } attribute ? attribute.I : null;
    }

    private sealed record Projection(string Input, string Weight, string Bias, int Columns, int Heads);
}
