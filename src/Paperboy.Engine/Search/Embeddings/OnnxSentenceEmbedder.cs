using System.Numerics.Tensors;
using System.Reflection;
using Microsoft.ML.OnnxRuntime;

namespace Paperboy.Search.Embeddings;

/// <summary>Embeds text with a BERT-style sentence model run by ONNX Runtime, weights loaded from a package's embedded resources.</summary>
public sealed class OnnxSentenceEmbedder : ITextEmbedder, IDisposable
{
    private const string InputIdsName = "input_ids";
    private const string AttentionMaskName = "attention_mask";
    private const string TokenTypeIdsName = "token_type_ids";

    private readonly SentenceModel _model;
    private readonly OnnxEmbedderOptions _options;
    private readonly InferenceSession _session;
    private readonly InferenceSession _querySession;
    private readonly WordPieceEncoder _encoder;
    private readonly bool _takesTokenTypes;
    private readonly string _outputName;

    public OnnxSentenceEmbedder(SentenceModel model, OnnxEmbedderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _options = options ?? new OnnxEmbedderOptions();
        _options.Validate();

        var assembly = LoadResourceAssembly(model);
        using (var vocabulary = OpenResource(assembly, model.VocabularyResource))
        {
            _encoder = new WordPieceEncoder(vocabulary, $"{model.ResourceAssembly}!{model.VocabularyResource}", model.Lowercase, _options.MaxTokens);
        }

        var weights = ReadResource(assembly, model.ModelResource);
        _session = CreateSession(weights, _options);
        _outputName = _session.OutputMetadata.ContainsKey("last_hidden_state")
            ? "last_hidden_state"
            : _session.OutputMetadata.First(o => o.Value.Dimensions.Length == 3).Key;
        _querySession = _options.QuantizedQueries
            ? CreateSession(DynamicQuantization.Rewrite(weights, $"{model.ResourceAssembly}!{model.ModelResource}", output: _outputName), _options)
            : _session;
        var inputs = _session.InputMetadata;
        foreach (var required in new[] { InputIdsName, AttentionMaskName })
        {
            if (!inputs.ContainsKey(required))
            {
                Dispose();
                throw new InvalidOperationException($"{model.ResourceAssembly}!{model.ModelResource}: the model has no '{required}' input (it has {string.Join(", ", inputs.Keys)}).");
            }
        }

        _takesTokenTypes = inputs.ContainsKey(TokenTypeIdsName);
    }

    public string Name => _model.Name;

    /// <summary>What the vectors of papers depend on; quantized queries do not change it, since papers stay float.</summary>
    public string Version => $"{_model.PackageVersion};{_model.Pooling.ToString().ToLowerInvariant()};max{_options.MaxTokens}";

    public int Dimension => _model.Dimension;

    public SentenceModel Model => _model;

    public OnnxEmbedderOptions Options => _options;

    public float[][] EmbedDocuments(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new float[texts.Count][];
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        foreach (var chunk in order.Chunk(_options.BatchSize))
        {
            var batch = Tokenize(chunk.Select(i => texts[i]).ToArray(), queries: false);
            var embedded = Embed(batch);
            for (var j = 0; j < chunk.Length; j++)
            {
                vectors[chunk[j]] = embedded[j];
            }
        }

        return vectors;
    }

    public float[] EmbedQuery(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return EmbedQueries(Tokenize([query], queries: true))[0];
    }

    public void Dispose()
    {
        _session.Dispose();
        if (_querySession != _session)
        {
            _querySession.Dispose();
        }
    }

    /// <summary>Cuts texts into padded token batches, with the model's query or document prefix in front.</summary>
    internal TokenBatch Tokenize(IReadOnlyList<string> texts, bool queries) =>
        _encoder.Encode(texts, queries ? _model.QueryPrefix : _model.DocumentPrefix);

    internal long SeparatorId => _encoder.SeparatorId;

    /// <summary>Runs the model on a batch and pools each row into a unit-length vector.</summary>
    internal float[][] Embed(TokenBatch batch) => Run(_session, batch, pool: true);

    /// <summary>Runs a batch of queries through the query model (int8 with <see cref="OnnxEmbedderOptions.QuantizedQueries"/>).</summary>
    internal float[][] EmbedQueries(TokenBatch batch) => Run(_querySession, batch, pool: true);

    /// <summary>Runs the model alone, discarding its output: the cost the rest of the pipeline is measured against.</summary>
    internal void RunModelOnly(TokenBatch batch) => Run(_session, batch, pool: false);

    private float[][] Run(InferenceSession session, TokenBatch batch, bool pool)
    {
        var shape = batch.Shape;
        var names = new List<string> { InputIdsName, AttentionMaskName };
        using var ids = OrtValue.CreateTensorValueFromMemory(batch.InputIds, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, shape);
        using var types = OrtValue.CreateTensorValueFromMemory(batch.TokenTypeIds, shape);
        var values = new List<OrtValue> { ids, mask };
        if (_takesTokenTypes)
        {
            names.Add(TokenTypeIdsName);
            values.Add(types);
        }

        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, names, values, [_outputName]);
        if (!pool)
        {
            return [];
        }

        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var expected = (long)batch.Count * batch.Length * Dimension;
        if (hidden.Length != expected)
        {
            throw new InvalidOperationException($"{_model.Name}: output '{_outputName}' has {hidden.Length} values, expected {batch.Count}x{batch.Length}x{Dimension}.");
        }

        var vectors = new float[batch.Count][];
        for (var row = 0; row < batch.Count; row++)
        {
            vectors[row] = Pool(hidden.Slice(row * batch.Length * Dimension, batch.Length * Dimension), batch.TokenCounts[row]);
        }

        return vectors;
    }

    private float[] Pool(ReadOnlySpan<float> tokens, int tokenCount)
    {
        var vector = new float[Dimension];
        if (_model.Pooling == EmbeddingPooling.Cls)
        {
            tokens[..Dimension].CopyTo(vector);
        }
        else
        {
            // Padding sits after the real tokens, so the attention mask is the first tokenCount positions.
            for (var t = 0; t < tokenCount; t++)
            {
                TensorPrimitives.Add(vector, tokens.Slice(t * Dimension, Dimension), vector);
            }

            TensorPrimitives.Divide(vector, tokenCount, vector);
        }

        VectorMath.Normalize(vector);
        return vector;
    }

    private static Assembly LoadResourceAssembly(SentenceModel model)
    {
        try
        {
            return Assembly.Load(new AssemblyName(model.ResourceAssembly));
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException($"{model.Name}: assembly {model.ResourceAssembly} (NuGet package {model.ResourceAssembly} {model.PackageVersion}) is not deployed with the application.", e);
        }
    }

    private static Stream OpenResource(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"{assembly.GetName().Name}: no embedded resource '{name}' (it has {string.Join(", ", assembly.GetManifestResourceNames())}).");

    private static byte[] ReadResource(Assembly assembly, string name)
    {
        using var stream = OpenResource(assembly, name);
        using var buffer = new MemoryStream(stream.CanSeek ? (int)stream.Length : 0);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static InferenceSession CreateSession(byte[] weights, OnnxEmbedderOptions options)
    {
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        return new InferenceSession(weights, sessionOptions);
    }
}
