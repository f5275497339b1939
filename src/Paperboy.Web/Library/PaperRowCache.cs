using Microsoft.Extensions.Caching.Memory;
using Paperboy.Papers;

namespace Paperboy.Web.Library;

/// <summary>Papers recently read for result lists (search results, related papers), kept until a store change names them.</summary>
/// <remarks>
/// Every search reads its results' rows from the store; most of them were shown before. A row stays here until the
/// indexer applies a change to its paper (<see cref="Forget"/>), so a list shows what the keyword index has applied,
/// as its ranking does. A read that began before such a change is not kept: its rows may predate it.
/// </remarks>
internal sealed class PaperRowCache(int capacity) : IDisposable
{
    private readonly MemoryCache _papers = new(new MemoryCacheOptions { SizeLimit = capacity });
    private readonly Lock _forgetting = new();
    private long _forgotten;

    /// <summary>The papers of these ids that the store holds, in the given order; rows not cached are read with <paramref name="read"/>.</summary>
    public IReadOnlyList<Paper> FindAll(IReadOnlyList<string> ids, Func<IReadOnlyList<string>, IReadOnlyList<Paper>> read)
    {
        var forgotten = Interlocked.Read(ref _forgotten);
        var found = new Dictionary<string, Paper>(ids.Count, StringComparer.Ordinal);
        List<string>? missing = null;
        foreach (var id in ids)
        {
            if (_papers.TryGetValue(id, out Paper? paper) && paper is not null)
            {
                found[id] = paper;
            }
            else
            {
                (missing ??= []).Add(id);
            }
        }

        if (missing is not null)
        {
            var loaded = read(missing);
            foreach (var paper in loaded)
            {
                found[paper.Id] = paper;
            }

            lock (_forgetting)
            {
                if (_forgotten == forgotten)
                {
                    foreach (var paper in loaded)
                    {
                        _papers.Set(paper.Id, paper, new MemoryCacheEntryOptions { Size = 1 });
                    }
                }
            }
        }

        var papers = new List<Paper>(ids.Count);
        foreach (var id in ids)
        {
            if (found.TryGetValue(id, out var paper))
            {
                papers.Add(paper);
            }
        }

        return papers;
    }

    /// <summary>Drops the rows of papers that changed (or were deleted), and keeps none read before this call.</summary>
    public void Forget(IEnumerable<string> ids)
    {
        lock (_forgetting)
        {
            _forgotten++;
            foreach (var id in ids)
            {
                _papers.Remove(id);
            }
        }
    }

    public void Dispose() => _papers.Dispose();
}
