using System.Numerics.Tensors;
using Paperboy.Store;

namespace Paperboy.Search.Vectors;

/// <summary>One nearest-neighbour hit: a paper id and its cosine similarity to the query.</summary>
public readonly record struct VectorHit(string Id, float Score);

/// <summary>Exact nearest-neighbour search over one model's unit vectors, held as one contiguous row-major matrix.</summary>
/// <remarks>
/// A scan with SIMD dot products (cosine, since vectors are unit length) is exact and measured 7 ms at 100k x 384
/// on 2 cores. Derived from the store: <see cref="CatchUp"/> loads vectors written since the last one applied.
/// Safe for one writer and any number of searching threads.
/// </remarks>
public sealed class VectorIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private float[] _matrix;

    public VectorIndex(EmbeddingModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(model.Dimension);
        Model = model;
        _matrix = new float[model.Dimension * 64];
    }

    /// <summary>The model whose vectors the index holds.</summary>
    public EmbeddingModel Model { get; }

    /// <summary>The last store embedding sequence applied by <see cref="CatchUp"/>; 0 for a new index.</summary>
    public long AppliedSequence { get; private set; }

    /// <summary>The number of papers with a vector in the index.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _ids.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>An index of every vector of <paramref name="model"/> in the store.</summary>
    public static VectorIndex Load(IPaperStore store, EmbeddingModel model)
    {
        var index = new VectorIndex(model);
        index.CatchUp(store);
        return index;
    }

    /// <summary>Applies the vectors the store has written since <see cref="AppliedSequence"/>; returns how many.</summary>
    /// <remarks>Vectors of deleted papers are dropped by the store but not from here: apply deletions with <see cref="Remove"/>.</remarks>
    public int CatchUp(IPaperStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var applied = 0;
        foreach (var embedding in store.LoadEmbeddings(Model, AppliedSequence))
        {
            Upsert(embedding.PaperId, embedding.Vector);
            AppliedSequence = embedding.Sequence;
            applied++;
        }

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
                row = _ids.Count;
                if ((row + 1) * Model.Dimension > _matrix.Length)
                {
                    Array.Resize(ref _matrix, _matrix.Length * 2);
                }

                _ids.Add(id);
                _rows[id] = row;
            }

            vector.CopyTo(RowSpan(row));
        }
        finally
        {
            _lock.ExitWriteLock();
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

            // The last row moves into the hole, keeping the matrix contiguous.
            var last = _ids.Count - 1;
            if (row != last)
            {
                RowSpan(last).CopyTo(RowSpan(row));
                _ids[row] = _ids[last];
                _rows[_ids[row]] = row;
            }

            _ids.RemoveAt(last);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>True when the paper has a vector in the index.</summary>
    public bool Contains(string id)
    {
        _lock.EnterReadLock();
        try
        {
            return _rows.ContainsKey(id);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The <paramref name="k"/> papers closest to <paramref name="query"/>, best first (equal scores by id).</summary>
    /// <param name="query">A unit vector of the index's dimension.</param>
    /// <param name="k">How many hits at most.</param>
    /// <param name="accept">When given, only papers it accepts are returned; it is asked only about papers good enough to enter the top k.</param>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<string, bool>? accept = null)
    {
        if (query.Length != Model.Dimension)
        {
            throw new ArgumentException($"the query vector has {query.Length} dimensions; the index of {Model.Name} has {Model.Dimension}.", nameof(query));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        _lock.EnterReadLock();
        try
        {
            return TopK(query, k, accept);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The <paramref name="k"/> papers closest to the paper <paramref name="id"/>, itself excluded; empty when it has no vector.</summary>
    public IReadOnlyList<VectorHit> Related(string id, int k, Func<string, bool>? accept = null)
    {
        float[] vector;
        _lock.EnterReadLock();
        try
        {
            if (!_rows.TryGetValue(id, out var row))
            {
                return [];
            }

            vector = RowSpan(row).ToArray();
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return Search(vector, k, other => other != id && (accept is null || accept(other)));
    }

    public void Dispose() => _lock.Dispose();

    private List<VectorHit> TopK(ReadOnlySpan<float> query, int k, Func<string, bool>? accept)
    {
        // A min-heap of the best k so far: its root is the hit to beat.
        var best = new PriorityQueue<VectorHit, VectorHit>(k + 1, WorstFirst.Instance);
        for (var row = 0; row < _ids.Count; row++)
        {
            var hit = new VectorHit(_ids[row], TensorPrimitives.Dot(query, RowSpan(row)));
            if (best.Count == k && WorstFirst.Instance.Compare(hit, best.Peek()) <= 0)
            {
                continue;
            }

            if (accept is not null && !accept(hit.Id))
            {
                continue;
            }

            best.Enqueue(hit, hit);
            if (best.Count > k)
            {
                best.Dequeue();
            }
        }

        var hits = new List<VectorHit>(best.Count);
        while (best.Count > 0)
        {
            hits.Add(best.Dequeue());
        }

        hits.Reverse();
        return hits;
    }

    private Span<float> RowSpan(int row) => _matrix.AsSpan(row * Model.Dimension, Model.Dimension);

    /// <summary>Orders hits worst first: lower score, then (for equal scores) the later id.</summary>
    private sealed class WorstFirst : IComparer<VectorHit>
    {
        public static WorstFirst Instance { get; } = new();

        public int Compare(VectorHit x, VectorHit y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : string.CompareOrdinal(y.Id, x.Id);
    }
}
