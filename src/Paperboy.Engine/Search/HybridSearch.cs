using Paperboy.Papers;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Keyword;
using Paperboy.Search.Vectors;

namespace Paperboy.Search;

/// <summary>Which legs a search runs.</summary>
public enum SearchMode
{
    /// <summary>BM25 alone.</summary>
    Keyword,

    /// <summary>The embedding legs alone.</summary>
    Semantic,

    /// <summary>Every leg, fused.</summary>
    Hybrid,
}

/// <summary>A semantic leg: an embedder for queries and the index of its vectors.</summary>
public sealed record SemanticLeg(ITextEmbedder Embedder, VectorIndex Index)
{
    public string Name => Embedder.Name;
}

/// <summary>How many papers a semantic leg can find: the rest are found by keyword only.</summary>
public sealed record LegCoverage(string Leg, int Embedded, int Papers);

/// <summary>A search's results, with how much of the corpus each semantic leg covers and why a leg failed, if one did.</summary>
public sealed record HybridResponse(IReadOnlyList<FusedHit> Hits, IReadOnlyList<LegCoverage> Coverage, string? SemanticError);

/// <summary>Keyword (BM25) and semantic (embedding) search over the same papers, fused into one ranking.</summary>
/// <remarks>
/// Filters, exclusions and phrases of the query restrict the semantic legs too (checked against the keyword index).
/// When a semantic leg fails (its model cannot run), the search answers from the other legs and says why.
/// </remarks>
public sealed class HybridSearch
{
    /// <summary>The name of the keyword leg in results.</summary>
    public const string KeywordLeg = "bm25";

    /// <summary>How many more semantic candidates to fetch when filters will drop some of them.</summary>
    private const int FilteredOversampling = 4;

    private readonly KeywordIndex _keyword;
    private readonly IReadOnlyList<SemanticLeg> _semantic;
    private readonly FusionOptions _fusion;

    /// <summary>Searches running now (see <see cref="SpreadsOverCores"/>).</summary>
    private int _running;

    public HybridSearch(KeywordIndex keyword, IReadOnlyList<SemanticLeg> semantic, FusionOptions? fusion = null)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        ArgumentNullException.ThrowIfNull(semantic);
        (_keyword, _semantic, _fusion) = (keyword, semantic, fusion ?? FusionOptions.Default);
    }

    /// <summary>How many candidates each leg contributes to a fused ranking by default (<see cref="FusionOptions.Depth"/>).</summary>
    public int FusionDepth => _fusion.Depth;

    /// <summary>Runs <paramref name="text"/> as typed in a search box (see <see cref="SearchQueryParser"/>).</summary>
    public HybridResponse Search(string text, int limit, SearchMode mode = SearchMode.Hybrid) =>
        Search(SearchQueryParser.Parse(text), limit, mode);

    /// <summary>Up to <paramref name="limit"/> papers for <paramref name="query"/>, best first.</summary>
    /// <param name="query">The parsed query.</param>
    /// <param name="limit">How many results at most.</param>
    /// <param name="mode">Which legs to run.</param>
    /// <param name="semanticText">The text to embed; by default the query's words and phrases, space-separated.</param>
    /// <param name="candidates">
    /// How many candidates each leg contributes when semantic legs run; by default the larger of <paramref name="limit"/>
    /// and <see cref="FusionOptions.Depth"/>. Fused scores depend on it (each leg's scores are normalised over its
    /// candidates), so the pages of one ranking must all pass the same number, e.g. <see cref="FusionDepth"/>: then
    /// each page is a slice of one ranking, of at most the legs' candidates together.
    /// </param>
    public HybridResponse Search(SearchQuery query, int limit, SearchMode mode = SearchMode.Hybrid, string? semanticText = null, int? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (candidates is { } asked)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(asked, nameof(candidates));
        }

        var spread = Interlocked.Increment(ref _running) <= SpreadsOverCores;
        try
        {
            return Run(query, limit, mode, semanticText, candidates, spread);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>
    /// While at most this many searches run, each spreads its legs (and a large vector scan) over several cores, so
    /// that a lone search answers sooner. Beyond it every core already has a search, and handing work to another
    /// thread only adds the hand-over: under load (wrk, 32 connections, 2 cores) running the legs one after the other
    /// cost about 5% less CPU a search.
    /// </summary>
    private static int SpreadsOverCores => Math.Max(1, Environment.ProcessorCount / 2);

    private HybridResponse Run(SearchQuery query, int limit, SearchMode mode, string? semanticText, int? candidates, bool spread)
    {
        var legs = new List<RankedLeg>();
        var withKeyword = mode != SearchMode.Semantic || !query.HasText;
        var withSemantic = mode != SearchMode.Keyword && query.HasText && _semantic.Count > 0;

        // Semantic legs need deeper candidates (fusion, and a vector search's best few come out of more); BM25 alone
        // needs just the results asked for, and its ranking is the same at every depth.
        var depth = withSemantic ? candidates ?? Math.Max(limit, _fusion.Depth) : limit;

        // When spread, BM25 runs beside the query embeddings (one core each), so a hybrid query costs the slower, not the sum.
        var keywordLeg = withKeyword && withSemantic && spread
            ? Task.Run<List<(string Id, double Score)>?>(() => KeywordRanking(query, depth))
            : Task.FromResult(withKeyword ? KeywordRanking(query, depth) : null);
        string? error = null;
        if (mode != SearchMode.Keyword && query.HasText)
        {
            var text = semanticText ?? string.Join(' ', query.Terms.Concat(query.Phrases));
            try
            {
                error = _semantic.Count == 0 ? "no papers are embedded yet; results are keyword-only" : null;
                legs.AddRange(SemanticLegs(query, text, depth, withKeyword ? 1 - _fusion.KeywordWeight : 1.0, spread));
            }
            catch (Exception e) when (e is not ArgumentException)
            {
                // A failing model must not take search down: the keyword leg answers alone.
                error = $"the semantic leg failed ({e.Message}); results are keyword-only";
            }

            if (legs.Count == 0 && !withKeyword)
            {
                legs.Add(new RankedLeg(KeywordLeg, 1, KeywordRanking(query, depth)));
            }
        }

        if (keywordLeg.GetAwaiter().GetResult() is { } keywordHits)
        {
            legs.Insert(0, new RankedLeg(KeywordLeg, _fusion.KeywordWeight, keywordHits));
        }

        return new HybridResponse(Combine(legs).Take(limit).ToList(), Coverage(), error);
    }

    /// <summary>The papers closest in meaning to <paramref name="paper"/>, itself excluded.</summary>
    /// <remarks>Without a vector for it (not yet embedded, or no semantic leg), its title and abstract become a keyword query.</remarks>
    public HybridResponse Related(Paper paper, int limit)
    {
        ArgumentNullException.ThrowIfNull(paper);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var legs = _semantic
            .Where(leg => leg.Index.Contains(paper.Id))
            .Select(leg => new RankedLeg(leg.Name, 1.0 / _semantic.Count, leg.Index.Related(paper.Id, limit).Select(h => (h.Id, (double)h.Score)).ToList()))
            .ToList();
        if (legs.Count == 0)
        {
            var words = EmbeddingText.For(paper).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var hits = _keyword.Search(new SearchQuery { Terms = words }, limit + 1).Where(h => h.Id != paper.Id).Take(limit);
            legs.Add(new RankedLeg(KeywordLeg, 1, hits.Select(h => (h.Id, (double)h.Score)).ToList()));
        }

        return new HybridResponse(Combine(legs).Take(limit).ToList(), Coverage(), null);
    }

    private List<(string Id, double Score)> KeywordRanking(SearchQuery query, int depth) =>
        _keyword.Search(query, depth).Select(h => (h.Id, (double)h.Score)).ToList();

    /// <summary>One leg keeps its own scores; several are fused.</summary>
    private IReadOnlyList<FusedHit> Combine(List<RankedLeg> legs) => legs.Count == 1
        ? legs[0].Hits.Select(h => new FusedHit(h.Id, h.Score, [legs[0].Name])).ToList()
        : RankFusion.Fuse(legs, _fusion);

    /// <summary>Each leg embeds the query and searches its index; when spread, legs after the first run on pool threads, so two models cost the slower.</summary>
    private List<RankedLeg> SemanticLegs(SearchQuery query, string text, int depth, double totalWeight, bool spread)
    {
        if (_semantic.Count == 0)
        {
            return [];
        }

        var weight = totalWeight / _semantic.Count;
        if (!spread)
        {
            return _semantic.Select(leg => SemanticLeg(leg, query, text, depth, weight, spread)).ToList();
        }

        var others = _semantic.Skip(1).Select(leg => Task.Run(() => SemanticLeg(leg, query, text, depth, weight, spread))).ToList();
        var legs = new List<RankedLeg> { SemanticLeg(_semantic[0], query, text, depth, weight, spread) };
        legs.AddRange(others.Select(task => task.GetAwaiter().GetResult()));
        return legs;
    }

    private RankedLeg SemanticLeg(SemanticLeg leg, SearchQuery query, string text, int depth, double weight, bool spread)
    {
        var restricted = !query.Filters.IsEmpty || query.ExcludedTerms.Count > 0 || query.ExcludedPhrases.Count > 0 || query.Phrases.Count > 0;
        var vector = leg.Embedder.EmbedQuery(text);
        var hits = leg.Index.Search(vector, restricted ? depth * FilteredOversampling : depth, parallel: spread);
        if (restricted)
        {
            var admitted = _keyword.Admit(query, hits.Select(h => h.Id));
            hits = hits.Where(h => admitted.Contains(h.Id)).Take(depth).ToList();
        }

        return new RankedLeg(leg.Name, weight, hits.Select(h => (h.Id, (double)h.Score)).ToList());
    }

    private List<LegCoverage> Coverage()
    {
        var papers = _keyword.Count;
        return _semantic.Select(leg => new LegCoverage(leg.Name, leg.Index.Count, papers)).ToList();
    }
}
