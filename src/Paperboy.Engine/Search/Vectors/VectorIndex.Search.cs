using System.Numerics.Tensors;

namespace Paperboy.Search.Vectors;

/// <summary>Searching: an exact scan of the floats, or a scan of the nearest clusters' int8 codes and exact rescoring.</summary>
public sealed partial class VectorIndex
{
    /// <summary>Rows scanned below which one core is faster than two (starting a second costs about 20 microseconds).</summary>
    private const int ParallelMinimum = 16_384;

    /// <summary>Rows per unit of scan work shared between the cores.</summary>
    private const int ChunkRows = 4_096;

    /// <summary>The <paramref name="k"/> papers closest to <paramref name="query"/>, best first (equal scores by id).</summary>
    /// <param name="query">A unit vector of the index's dimension.</param>
    /// <param name="k">How many hits at most.</param>
    /// <param name="accept">
    /// When given, only papers it accepts are returned; it is asked only about papers that could still be candidates when
    /// the scan meets them, possibly from several threads at once.
    /// </param>
    /// <param name="parallel">Whether a large scan may use several cores; a caller that already keeps every core busy says no.</param>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<string, bool>? accept = null, bool parallel = true)
    {
        if (query.Length != Model.Dimension)
        {
            throw new ArgumentException($"the query vector has {query.Length} dimensions; the index of {Model.Name} has {Model.Dimension}.", nameof(query));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var copy = query.ToArray();
        _lock.EnterReadLock();
        try
        {
            return _lists is null ? Exact(copy, k, accept, parallel) : Approximate(copy, k, accept, parallel);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The <paramref name="k"/> papers closest to the paper <paramref name="id"/>, itself excluded; empty when it has no vector.</summary>
    public IReadOnlyList<VectorHit> Related(string id, int k, Func<string, bool>? accept = null)
    {
        var vector = new float[Model.Dimension];
        _lock.EnterReadLock();
        try
        {
            if (!_rows.TryGetValue(id, out var row))
            {
                return [];
            }

            _vectors.Read(row, vector);
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return Search(vector, k, other => other != id && (accept is null || accept(other)));
    }

    private List<VectorHit> Exact(float[] query, int k, Func<string, bool>? accept, bool parallel)
    {
        var rows = _ids.Count;
        var workers = parallel ? Workers(rows) : 1;
        var heaps = new CandidateHeap[workers];
        OnWorkers(workers, worker =>
        {
            var heap = heaps[worker] = new CandidateHeap(k, _idOrder);
            var (start, end) = (rows * worker / workers, rows * (worker + 1) / workers);
            for (var row = start; row < end; row++)
            {
                if (_ids[row] is not { } id)
                {
                    continue;
                }

                var score = TensorPrimitives.Dot(query, _vectors.View(row));
                if (heap.Admits(score, row) && (accept is null || accept(id)))
                {
                    heap.Add(score, row);
                }
            }
        });
        return Hits(Merge(heaps));
    }

    private List<VectorHit> Approximate(float[] query, int k, Func<string, bool>? accept, bool parallel)
    {
        var encoded = new short[Model.Dimension];
        _quantizer.EncodeQuery(query, encoded);
        var chunks = Chunks(query);
        var rows = chunks.Sum(c => c.End - c.Start);
        var workers = parallel ? Workers(rows) : 1;
        var buffers = new CandidateBuffer[workers];
        var candidates = k + Math.Max(k, ExtraCandidates);
        OnWorkers(workers, worker =>
        {
            var buffer = buffers[worker] = new CandidateBuffer(candidates, _idOrder);
            for (var c = worker; c < chunks.Count; c += workers)
            {
                var (list, start, end) = chunks[c];
                var listRows = list.Rows;
                for (var slot = start; slot < end; slot++)
                {
                    var score = ScalarQuantizer.Dot(list.Code(slot), encoded);
                    var row = listRows[slot];
                    if (buffer.Admits(score) && (accept is null || accept(_ids[row]!)))
                    {
                        buffer.Add(score, row);
                    }
                }
            }
        });
        for (var i = 1; i < buffers.Length; i++)
        {
            buffers[0].AddAll(buffers[i]);
        }

        // The int8 ranking chose the candidates; exact cosines of their floats order them.
        var rescored = new CandidateHeap(k, _idOrder);
        foreach (var row in buffers[0].Best())
        {
            rescored.Add(TensorPrimitives.Dot(query, _vectors.View(row)), row);
        }

        return Hits(rescored);
    }

    /// <summary>The probed clusters cut into pieces of at most <see cref="ChunkRows"/> rows.</summary>
    private List<(CodeList List, int Start, int End)> Chunks(float[] query)
    {
        var lists = _lists!;
        IEnumerable<int> probed = Enumerable.Range(0, lists.Length);
        if (_clusters is not null)
        {
            var nearest = new int[Math.Min(Probes, _clusters.Count)];
            _clusters.Nearest(query, nearest, new float[nearest.Length]);
            probed = nearest;
        }

        var chunks = new List<(CodeList, int, int)>();
        foreach (var l in probed)
        {
            for (var start = 0; start < lists[l].Count; start += ChunkRows)
            {
                chunks.Add((lists[l], start, Math.Min(lists[l].Count, start + ChunkRows)));
            }
        }

        return chunks;
    }

    /// <summary>Runs <paramref name="scan"/> once per worker, on the calling thread alone when there is one.</summary>
    private static void OnWorkers(int workers, Action<int> scan)
    {
        if (workers == 1)
        {
            scan(0);
        }
        else
        {
            Parallel.For(0, workers, scan);
        }
    }

    private static int Workers(int rows) => rows < ParallelMinimum ? 1 : Math.Min(Environment.ProcessorCount, 1 + (rows / ParallelMinimum));

    private static CandidateHeap Merge(CandidateHeap[] heaps)
    {
        for (var i = 1; i < heaps.Length; i++)
        {
            heaps[0].AddAll(heaps[i]);
        }

        return heaps[0];
    }

    private List<VectorHit> Hits(CandidateHeap best)
    {
        var hits = new List<VectorHit>(best.Count);
        for (var i = 0; i < best.Count; i++)
        {
            hits.Add(new VectorHit(_ids[best.Rows[i]]!, best.Scores[i]));
        }

        hits.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Id, b.Id));
        return hits;
    }
}
