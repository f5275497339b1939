using Paperboy.Store;

namespace Paperboy.Search.Vectors;

/// <summary>One nearest-neighbour hit: a paper id and its cosine similarity to the query.</summary>
public readonly record struct VectorHit(string Id, float Score);

/// <summary>Nearest-neighbour search over one model's unit vectors: exact while small, clustered int8 with exact rescoring when large.</summary>
/// <remarks>
/// Below <see cref="VectorIndexOptions.ClusterThreshold"/> papers a SIMD scan of every float vector is exact and fast
/// enough (and an index rebuilt from the store ranks exactly alike). From there on, vectors also get int8 codes grouped
/// in k-means clusters: a search scans the codes of the clusters nearest the query, then computes exact cosines for
/// the best few hundred candidates, reading their floats from a memory-mapped scratch file (<see cref="VectorIndexOptions.VectorFolder"/>),
/// so only the codes, a quarter of the floats' size, stay in the process. Clusters are retrained whenever the index
/// has doubled since the last training.
/// Derived from the store: <see cref="CatchUp"/> loads vectors written since the last one applied.
/// Safe for one thread adding vectors (<see cref="CatchUp"/>, <see cref="Upsert"/>), any thread removing them (each change
/// holds the write lock) and any number of searching threads; a retraining runs beside searches, which use the old
/// layout until the new one is swapped in, and only changes wait for it.
/// </remarks>
public sealed partial class VectorIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);
    private readonly List<string?> _ids = [];
    private readonly Stack<int> _free = new();
    private readonly VectorIndexOptions _options;
    private FloatRows _vectors;
    private readonly IdOrder _idOrder;
    private ScalarQuantizer _quantizer;
    private CoarseClusters? _clusters;
    private CodeList[]? _lists;
    private int[] _listOf = [];
    private int[] _slotOf = [];
    private int _nextTraining;
    private bool _bulk;
    private volatile int _probes;
    private volatile int _extraCandidates;

    public VectorIndex(EmbeddingModel model, VectorIndexOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(model.Dimension);
        Model = model;
        _options = options ?? VectorIndexOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.ClusterSize ?? 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ClusterThreshold, 2, nameof(options));
        Probes = _options.Probes;
        ExtraCandidates = _options.ExtraCandidates;
        _vectors = FloatRows.InMemory(model.Dimension);
        _idOrder = new IdOrder(_ids);
        _quantizer = ScalarQuantizer.ForUnitVectors(model.Dimension);
    }

    /// <summary>The model whose vectors the index holds.</summary>
    public EmbeddingModel Model { get; }

    /// <summary>How many of the clusters nearest the query a search scans (from <see cref="VectorIndexOptions.Probes"/>); more finds more, slower.</summary>
    public int Probes
    {
        get => _probes;
        set => _probes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Probes must be at least 1.");
    }

    /// <summary>How many candidates beyond k get an exact score (from <see cref="VectorIndexOptions.ExtraCandidates"/>).</summary>
    public int ExtraCandidates
    {
        get => _extraCandidates;
        set => _extraCandidates = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "ExtraCandidates must not be negative.");
    }

    /// <summary>The last store embedding sequence applied by <see cref="CatchUp"/>; 0 for a new index.</summary>
    public long AppliedSequence { get; private set; }

    /// <summary>The number of papers with a vector in the index.</summary>
    public int Count => Read(() => _rows.Count);

    /// <summary>How the index searches now: exact, int8 over all codes, or the number of clusters it probes among.</summary>
    public string Layout => Read(() => _lists is null ? "exact float scan"
        : _clusters is null ? "int8 scan of every code, exact rescoring"
        : $"int8 in {_clusters.Count} clusters, {Probes} probed, exact rescoring");

    /// <summary>An index of every vector of <paramref name="model"/> in the store.</summary>
    public static VectorIndex Load(IPaperStore store, EmbeddingModel model, VectorIndexOptions? options = null)
    {
        var index = new VectorIndex(model, options);
        try
        {
            index.CatchUp(store);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>Applies the vectors the store has written since <see cref="AppliedSequence"/>; returns how many.</summary>
    /// <remarks>Vectors of deleted papers are dropped by the store but not from here: apply deletions with <see cref="Remove"/>.</remarks>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellation"/> was cancelled first (a stopping server does not wait for a long load): the vectors
    /// applied so far stay, <see cref="AppliedSequence"/> says up to where, and training waits for the next catch-up.
    /// </exception>
    public int CatchUp(IPaperStore store, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);

        // A server calls this every few seconds: with nothing new it must not take the write lock, which stalls searches.
        using var pending = store.LoadEmbeddings(Model, AppliedSequence).GetEnumerator();
        if (!pending.MoveNext())
        {
            // A training that a cancellation cut short is still due: it runs now, new vectors or not.
            TrainIfDue(cancellation);
            return 0;
        }

        var applied = 0;
        InBulk(() =>
        {
            do
            {
                cancellation.ThrowIfCancellationRequested();
                Upsert(pending.Current.PaperId, pending.Current.Vector);
                AppliedSequence = pending.Current.Sequence;
                applied++;
            }
            while (pending.MoveNext());
        }, cancellation);
        return applied;
    }

    /// <summary>Adds or replaces many vectors, training the index once at the end rather than as it grows.</summary>
    public int UpsertRange(IEnumerable<(string Id, float[] Vector)> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var applied = 0;
        InBulk(() =>
        {
            foreach (var (id, vector) in vectors)
            {
                Upsert(id, vector);
                applied++;
            }
        });
        return applied;
    }

    /// <summary>Adds or replaces the vector of a paper.</summary>
    public void Upsert(string id, ReadOnlySpan<float> vector)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (vector.Length != Model.Dimension)
        {
            throw new ArgumentException($"the vector of paper {id} has {vector.Length} dimensions; the index of {Model.Name} has {Model.Dimension}.", nameof(vector));
        }

        _lock.EnterWriteLock();
        try
        {
            if (!_rows.TryGetValue(id, out var row))
            {
                row = NewRow(id);
            }
            else if (_lists is not null)
            {
                RemoveCode(row);
            }

            _vectors.Write(row, vector);
            if (_lists is not null)
            {
                AddCode(row, vector);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        if (!_bulk)
        {
            TrainIfDue();
        }
    }

    /// <summary>Removes a paper's vector; false when it had none.</summary>
    public bool Remove(string id)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_rows.Remove(id, out var row))
            {
                return false;
            }

            if (_lists is not null)
            {
                RemoveCode(row);
            }

            _ids[row] = null;
            _free.Push(row);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>True when the paper has a vector in the index.</summary>
    public bool Contains(string id) => Read(() => _rows.ContainsKey(id));

    public void Dispose()
    {
        _vectors.Dispose();
        _lock.Dispose();
    }

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void InBulk(Action apply, CancellationToken cancellation = default)
    {
        _bulk = true;
        try
        {
            apply();
        }
        finally
        {
            _bulk = false;

            // Once cancelled, the training is left to the next catch-up or change rather than waited for.
            if (!cancellation.IsCancellationRequested)
            {
                TrainIfDue(cancellation);
            }
        }
    }

    private int NewRow(string id)
    {
        int row;
        if (_free.Count > 0)
        {
            row = _free.Pop();
            _ids[row] = id;
        }
        else
        {
            row = _ids.Count;
            _ids.Add(id);
            if (row >= _listOf.Length)
            {
                Array.Resize(ref _listOf, Math.Max(64, row * 2));
                Array.Resize(ref _slotOf, _listOf.Length);
            }
        }

        _rows[id] = row;
        return row;
    }

    private void AddCode(int row, ReadOnlySpan<float> vector)
    {
        Span<sbyte> code = stackalloc sbyte[Model.Dimension];
        _quantizer.Encode(vector, code);
        var list = _clusters?.Nearest(vector) ?? 0;
        _listOf[row] = list;
        _slotOf[row] = _lists![list].Add(row, code);
    }

    private void RemoveCode(int row)
    {
        var moved = _lists![_listOf[row]].RemoveAt(_slotOf[row]);
        if (moved >= 0)
        {
            _slotOf[moved] = _slotOf[row];
        }
    }

    /// <summary>Orders rows by their paper ids, the lower id first.</summary>
    private sealed class IdOrder(List<string?> ids) : IComparer<int>
    {
        public int Compare(int x, int y) => string.CompareOrdinal(ids[x], ids[y]);
    }
}
