using Microsoft.Extensions.Caching.Memory;
using Paperboy.Export;
using Paperboy.Papers;
using Paperboy.Web.Library;

namespace Paperboy.Web.Papers;

/// <summary>What the paper page shows: the paper, its related papers and its BibTeX entry.</summary>
public sealed record PaperView(Paper Paper, IReadOnlyList<RelatedPaper> Related, string BibTex);

/// <summary>A related paper and its similarity (cosine for vectors, BM25 when found by keywords).</summary>
public sealed record RelatedPaper(Paper Paper, double Score);

/// <summary>Paper pages' models, cached until the store or the vectors change.</summary>
/// <remarks>
/// Related papers cost a scan of every vector, far more than rendering; a paper's view is computed once per
/// <see cref="LibraryVersion"/> and kept in a bounded cache (least recently used views go first).
/// </remarks>
public sealed class PaperViews(PaperLibrary library) : IDisposable
{
    public const int RelatedCount = 8;

    private readonly MemoryCache _views = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    /// <summary>The view of the paper with this id; null when the store has no such paper.</summary>
    public PaperView? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        id = ArxivId.StoreKey(id);
        var key = (id, library.Version);
        if (_views.TryGetValue(key, out PaperView? view))
        {
            return view;
        }

        view = Read(id);
        _views.Set(key, view, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return view;
    }

    public void Dispose() => _views.Dispose();

    private PaperView? Read(string id)
    {
        var paper = library.Store.Find(id);
        if (paper is null)
        {
            return null;
        }

        var hits = library.Search.Related(paper, RelatedCount).Hits;
        var papers = library.FindAll(hits.Select(h => h.Id)).ToDictionary(p => p.Id);
        var related = hits.Where(h => papers.ContainsKey(h.Id)).Select(h => new RelatedPaper(papers[h.Id], h.Score)).ToList();
        return new PaperView(paper, related, BibTex.Entry(paper));
    }
}
