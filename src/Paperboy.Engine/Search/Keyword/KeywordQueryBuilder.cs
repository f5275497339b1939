using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Paperboy.Search.Keyword;

/// <summary>A <see cref="SearchQuery"/> turned into a Lucene query, and what the pruned scorer needs to run it instead.</summary>
/// <param name="Query">Matches and scores; filters are required clauses that add nothing to the score.</param>
/// <param name="Ranked">True when the query has analyzed words to rank by; otherwise results are listed newest first.</param>
/// <param name="Words">The query's weighted words when its ranked part is their disjunction alone (no phrase), else null.</param>
/// <param name="Restriction">
/// With <paramref name="Words"/>: the filters and exclusions beside them, null when there are none; without
/// <paramref name="Ranked"/>: the filters and exclusions that are the whole query.
/// </param>
internal sealed record CompiledQuery(Query Query, bool Ranked, IReadOnlyList<WeightedTerm>? Words, Restriction? Restriction);

/// <summary>What a paper must match (the filters) and must not (the exclusions) to be found; neither adds to its score.</summary>
/// <param name="Required">The filters, or null for none.</param>
/// <param name="Excluded">The exclusions, each a query of its own.</param>
internal sealed record Restriction(Query? Required, IReadOnlyList<Query> Excluded);

/// <summary>An analyzed query word and how many times the query repeats it (its boost, as in a bag of words).</summary>
internal readonly record struct WeightedTerm(string Term, int Count);

/// <summary>Builds Lucene queries by hand from the parsed pieces, running the index's analyzers over each piece.</summary>
internal sealed class KeywordQueryBuilder(Analyzer analyzer)
{
    /// <summary>Distinct words scored per query; the rest of a pasted essay is dropped, well under Lucene's clause limit.</summary>
    public const int MaxTerms = 400;

    /// <summary>Phrases, exclusions and filters each honoured per query.</summary>
    public const int MaxClauses = 100;

    /// <summary>How far apart the words of an author query may be within one name (<c>"LeCun Yann"</c>, middle initials).</summary>
    private const int AuthorSlop = 3;

    /// <summary>The compiled query, or null when the query asks for nothing the index can look for.</summary>
    public CompiledQuery? Compile(SearchQuery query)
    {
        var main = new BooleanQuery();
        var text = new BooleanQuery();
        var words = WeightedTerms(query);
        var ranked = AddRankingClauses(text, words, query);
        if (ranked)
        {
            // Nested, so that with a required filter beside it at least one of its optional words must still match.
            main.Add(text, Occur.MUST);
        }

        foreach (var excluded in query.ExcludedTerms.Concat(query.ExcludedPhrases).Take(MaxClauses))
        {
            AddIfAny(main, PhraseOf(KeywordDocument.Text, excluded, 0), Occur.MUST_NOT);
        }

        foreach (var author in query.Filters.ExcludedAuthors.Take(MaxClauses))
        {
            AddIfAny(main, PhraseOf(KeywordDocument.Author, author, AuthorSlop), Occur.MUST_NOT);
        }

        foreach (var category in query.Filters.ExcludedCategories.Take(MaxClauses))
        {
            main.Add(CategoryQuery(category), Occur.MUST_NOT);
        }

        // A required clause scoring 0 rather than a Lucene Filter: the conjunction skips through the filter's
        // postings instead of building a filter set per search, and BM25 scores stay exactly as unfiltered.
        if (FilterOf(query.Filters) is { } filter)
        {
            main.Add(new ConstantScoreQuery(filter) { Boost = 0 }, Occur.MUST);
        }
        else if (!ranked)
        {
            if (main.Clauses.Count == 0)
            {
                return null;
            }

            main.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        // Then the Lucene query scores exactly a disjunction of the words, among the papers the other clauses let
        // through (the filter scores 0, exclusions nothing), which a pruned scorer may replace; without words, it lists
        // what those clauses let through, which a walk in day order may replace.
        var plainWords = ranked && text.Clauses.Count == words.Count;
        return new CompiledQuery(main, ranked, plainWords ? words : null, plainWords || !ranked ? RestrictionOf(main, text) : null);
    }

    /// <summary>The clauses of <paramref name="main"/> but the ranked <paramref name="text"/>: its filters and exclusions; null when there are none.</summary>
    /// <remarks>
    /// The filters are one required clause (<see cref="FilterOf"/> gathers them), or none where a query of exclusions alone
    /// requires every document; the exclusions are prohibited clauses.
    /// </remarks>
    private static Restriction? RestrictionOf(BooleanQuery main, BooleanQuery text)
    {
        var others = main.Clauses.Where(clause => clause.Query != text).ToList();
        return others.Count == 0
            ? null
            : new Restriction(
                others.SingleOrDefault(clause => clause.Occur == Occur.MUST && clause.Query is not MatchAllDocsQuery)?.Query,
                others.Where(clause => clause.Occur == Occur.MUST_NOT).Select(clause => clause.Query).ToList());
    }

    /// <summary>The positive text of the query alone (no exclusions or filters), for highlighting.</summary>
    public Query? TextQuery(SearchQuery query)
    {
        var text = new BooleanQuery();
        return AddRankingClauses(text, WeightedTerms(query), query) ? text : null;
    }

    /// <summary>The analyzed free words in order of first occurrence, each with its count, at most <see cref="MaxTerms"/>.</summary>
    public List<WeightedTerm> WeightedTerms(SearchQuery query)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var word in query.Terms)
        {
            foreach (var (term, _) in KeywordAnalysis.Tokens(analyzer, KeywordDocument.Text, word))
            {
                if (counts.TryGetValue(term, out var count))
                {
                    counts[term] = count + 1;
                }
                else if (counts.Count < MaxTerms)
                {
                    counts[term] = 1;
                    order.Add(term);
                }
            }
        }

        return order.ConvertAll(term => new WeightedTerm(term, counts[term]));
    }

    /// <summary>Adds free words as optional clauses (repeats weigh more) and phrases as required ones.</summary>
    private bool AddRankingClauses(BooleanQuery target, List<WeightedTerm> words, SearchQuery query)
    {
        foreach (var (term, count) in words)
        {
            target.Add(new TermQuery(new Term(KeywordDocument.Text, term)) { Boost = count }, Occur.SHOULD);
        }

        var any = words.Count > 0;
        foreach (var phrase in query.Phrases.Take(MaxClauses))
        {
            any |= AddIfAny(target, PhraseOf(KeywordDocument.Text, phrase, 0), Occur.MUST);
        }

        return any;
    }

    private BooleanQuery? FilterOf(SearchFilters filters)
    {
        var filter = new BooleanQuery();
        foreach (var author in filters.Authors.Take(MaxClauses))
        {
            AddIfAny(filter, PhraseOf(KeywordDocument.Author, author, AuthorSlop), Occur.MUST);
        }

        if (filters.Categories.Count > 0)
        {
            var anyCategory = new BooleanQuery();
            foreach (var category in filters.Categories.Take(MaxClauses))
            {
                anyCategory.Add(CategoryQuery(category), Occur.SHOULD);
            }

            filter.Add(anyCategory, Occur.MUST);
        }

        if (filters.From is not null || filters.To is not null)
        {
            int? from = filters.From is { } first ? KeywordDocument.DayNumber(first) : null;
            int? to = filters.To is { } last ? KeywordDocument.DayNumber(last) : null;
            filter.Add(NumericRangeQuery.NewInt32Range(KeywordDocument.Day, from, to, true, true), Occur.MUST);
        }

        return filter.Clauses.Count == 0 ? null : filter;
    }

    /// <summary>The category itself, or every subject of an archive (<c>cs</c> covers <c>cs.LG</c>).</summary>
    private static BooleanQuery CategoryQuery(string category)
    {
        var key = KeywordDocument.CategoryKey(category);
        return new BooleanQuery
        {
            { new TermQuery(new Term(KeywordDocument.Category, key)), Occur.SHOULD },
            { new PrefixQuery(new Term(KeywordDocument.Category, key + ".")), Occur.SHOULD },
        };
    }

    /// <summary>The analyzed words of <paramref name="text"/> in order (stopword gaps kept), a single term, or null if none.</summary>
    private Query? PhraseOf(string field, string text, int slop)
    {
        var tokens = KeywordAnalysis.Tokens(analyzer, field, text);
        if (tokens.Count <= 1)
        {
            return tokens.Count == 0 ? null : new TermQuery(new Term(field, tokens[0].Term));
        }

        var phrase = new PhraseQuery { Slop = slop };
        foreach (var (term, position) in tokens)
        {
            phrase.Add(new Term(field, term), position);
        }

        return phrase;
    }

    private static bool AddIfAny(BooleanQuery target, Query? clause, Occur occur)
    {
        if (clause is null)
        {
            return false;
        }

        target.Add(clause, occur);
        return true;
    }
}
