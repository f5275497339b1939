using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Paperboy.Search.Embeddings;

/// <summary>Rewrites a model so that its products with weight matrices run in int8, the activations quantized on the fly.</summary>
/// <remarks>
/// Each <c>MatMul</c> by a constant 2-D float matrix becomes ONNX Runtime's <c>com.microsoft.DynamicQuantizeMatMul</c>:
/// the matrix is stored as int8 with one symmetric scale per column, and each run quantizes its input to uint8 with one
/// scale per tensor. The CPU then multiplies with integer instructions (VNNI, AMX), about 2.5 times faster for a short
/// query on this machine, at a cosine of about 0.99 to the float model's output (bench/results/query-embedding.md).
/// A product's bias (the <c>Add</c> of a constant vector that alone reads it, as in every BERT layer) becomes the
/// quantized product's own bias input: the same sums, one pass over the output fewer (36 nodes fewer in MiniLM, whose
/// output is bit-identical; a query costs 6-20% less CPU in interleaved runs on this machine).
/// Before that, each self-attention block becomes one <c>QAttention</c> node (<see cref="QuantizedAttention"/>), with the
/// same queries, keys and values: MiniLM runs 73 nodes instead of 180 once ONNX Runtime has optimised it, and a query
/// costs about 5% less CPU.
/// </remarks>
internal static class DynamicQuantization
{
    internal const string ContribDomain = "com.microsoft";

    /// <summary>The rewritten model; <paramref name="source"/> names the model in errors.</summary>
    /// <param name="model">The float model.</param>
    /// <param name="source">Names the model in errors.</param>
    /// <param name="fuseAttention">Whether self-attention blocks become <c>QAttention</c> nodes; without, their products are quantized one by one.</param>
    /// <param name="output">
    /// The one output the caller reads, when given: the others go, with the nodes only they read (MiniLM's pooler, a
    /// product and a tanh that mean pooling never reads).
    /// </param>
    /// <exception cref="InvalidOperationException">The model has no weight matrix product to quantize, or no output named <paramref name="output"/>.</exception>
    public static byte[] Rewrite(byte[] model, string source, bool fuseAttention = true, string? output = null)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        var graph = proto.Graph;
        if (output is not null)
        {
            var others = graph.Output.Where(o => o.Name != output).ToList();
            if (others.Count == graph.Output.Count)
            {
                throw new InvalidOperationException($"{source}: the model has no output '{output}' (it has {string.Join(", ", graph.Output.Select(o => o.Name))}).");
            }

            foreach (var other in others)
            {
                graph.Output.Remove(other);
            }
        }

        var weights = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        if (fuseAttention)
        {
            QuantizedAttention.Fuse(graph, weights);
        }

        var quantized = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var node = graph.Node[i];
            if (node.OpType == "MatMul" && node.Domain.Length == 0 && weights.TryGetValue(node.Input[1], out var weight)
                && weight.Dims.Count == 2 && weight.DataType == (int)TensorProto.Types.DataType.Float)
            {
                if (quantized.Add(weight.Name))
                {
                    AddQuantized(weight.Name, FloatsOf(weight), (int)weight.Dims[0], (int)weight.Dims[1], graph);
                }

                graph.Node[i] = QuantizedProduct(node, weight.Name);
            }
        }

        if (quantized.Count == 0)
        {
            throw new InvalidOperationException($"{source}: the model has no MatMul by a constant float matrix to quantize.");
        }

        FoldBiases(graph, weights);

        // A float matrix that something else still reads (none in BERT-style models) is kept; dropped outputs' nodes go.
        RemoveUnread(graph);

        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = ContribDomain, Version = 1 });
        return proto.ToByteArray();
    }

    private static NodeProto QuantizedProduct(NodeProto product, string weight)
    {
        // Node names are optional in ONNX but must be unique when present; an output name always is.
        var name = (product.Name.Length > 0 ? product.Name : product.Output[0]) + ".int8";
        var replacement = new NodeProto { Name = name, OpType = "DynamicQuantizeMatMul", Domain = ContribDomain };
        replacement.Input.Add([product.Input[0], $"{weight}.int8", $"{weight}.scale", $"{weight}.zero"]);
        replacement.Output.Add(product.Output);
        return replacement;
    }

    /// <summary>Moves each constant vector added to a quantized product, and only to it, into the product's bias input.</summary>
    private static void FoldBiases(GraphProto graph, Dictionary<string, TensorProto> weights)
    {
        var readers = graph.Node.SelectMany(node => node.Input.Select(input => (input, node))).ToLookup(p => p.input, p => p.node, StringComparer.Ordinal);
        var graphOutputs = graph.Output.Select(output => output.Name).ToHashSet(StringComparer.Ordinal);
        var folded = new HashSet<NodeProto>();
        foreach (var product in graph.Node.Where(node => node.OpType == "DynamicQuantizeMatMul" && node.Domain == ContribDomain))
        {
            var result = product.Output[0];
            if (graphOutputs.Contains(result) || readers[result].ToList() is not [{ OpType: "Add", Domain: "" } add])
            {
                continue;
            }

            var bias = add.Input[0] == result ? add.Input[1] : add.Input[0];
            var columns = weights[product.Input[1][..^".int8".Length]].Dims[1];
            if (weights.TryGetValue(bias, out var vector) && vector.DataType == (int)TensorProto.Types.DataType.Float
                && vector.Dims.Count == 1 && vector.Dims[0] == columns)
            {
                product.Input.Add(bias);
                product.Output[0] = add.Output[0];
                folded.Add(add);
            }
        }

        foreach (var add in folded)
        {
            graph.Node.Remove(add);
        }
    }

    /// <summary>Removes nodes none of whose outputs is read, and initializers nothing reads, until none is left.</summary>
    internal static void RemoveUnread(GraphProto graph)
    {
        var outputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        bool removed;
        do
        {
            var read = graph.Node.SelectMany(node => node.Input).Concat(outputs).ToHashSet(StringComparer.Ordinal);
            var unread = graph.Node.Where(node => !node.Output.Any(read.Contains)).ToList();
            foreach (var node in unread)
            {
                graph.Node.Remove(node);
            }

            removed = unread.Count > 0;
        }
        while (removed);

        // Models of IR version 3 and older also list each initializer among the graph's inputs; those go with it.
        var stillRead = graph.Node.SelectMany(node => node.Input).ToHashSet(StringComparer.Ordinal);
        foreach (var initializer in graph.Initializer.Where(i => !stillRead.Contains(i.Name)).ToList())
        {
            graph.Initializer.Remove(initializer);
            if (graph.Input.FirstOrDefault(input => input.Name == initializer.Name) is { } listed)
            {
                graph.Input.Remove(listed);
            }
        }
    }

    /// <summary>Adds the int8 codes, per-column scales and zero points of the matrix <paramref name="name"/> (<paramref name="values"/> row by row) to the graph.</summary>
    internal static void AddQuantized(string name, float[] values, int rows, int columns, GraphProto graph)
    {
        var scales = new float[columns];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                scales[column] = Math.Max(scales[column], Math.Abs(values[(row * columns) + column]));
            }
        }

        for (var column = 0; column < columns; column++)
        {
            scales[column] = scales[column] == 0 ? 1 : scales[column] / sbyte.MaxValue;
        }

        var codes = new byte[rows * columns];
        for (var index = 0; index < codes.Length; index++)
        {
            var code = MathF.Round(values[index] / scales[index % columns]);
            codes[index] = unchecked((byte)(sbyte)Math.Clamp(code, -sbyte.MaxValue, sbyte.MaxValue));
        }

        graph.Initializer.Add(Tensor($"{name}.int8", TensorProto.Types.DataType.Int8, [rows, columns], codes));
        graph.Initializer.Add(Tensor($"{name}.scale", TensorProto.Types.DataType.Float, [columns], MemoryMarshal.AsBytes(scales.AsSpan()).ToArray()));
        graph.Initializer.Add(Tensor($"{name}.zero", TensorProto.Types.DataType.Int8, [columns], new byte[columns]));
    }

    internal static float[] FloatsOf(TensorProto tensor) => tensor.FloatData.Count > 0
        ? [.. tensor.FloatData]
        : MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();

    internal static TensorProto Tensor(string name, TensorProto.Types.DataType type, long[] dims, byte[] raw)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        tensor.Dims.Add(dims);
        return tensor;
    }
}
