namespace Paperboy.Search.Keyword;

/// <summary>What a person asked for, parsed from the search box: words, phrases, exclusions and filters.</summary>
/// <remarks>
/// Built only by <see cref="SearchQueryParser"/> (or by hand in code); it holds the pieces as typed, and the
/// keyword index runs its own analyzers over each piece, so no user text ever reaches a Lucene query parser.
/// </remarks>
public sealed record SearchQuery
{
    /// <summary>The query that asks for nothing.</summary>
    public static SearchQuery Empty { get; } = new();

    /// <summary>Free words, each scored on its own (any of them may match).</summary>
    public IReadOnlyList<string> Terms { get; init; } = [];

    /// <summary>Quoted phrases; every one of them must occur, words in order.</summary>
    public IReadOnlyList<string> Phrases { get; init; } = [];

    /// <summary>Words (<c>-word</c>) no result may contain.</summary>
    public IReadOnlyList<string> ExcludedTerms { get; init; } = [];

    /// <summary>Phrases (<c>-"two words"</c>) no result may contain.</summary>
    public IReadOnlyList<string> ExcludedPhrases { get; init; } = [];

    public SearchFilters Filters { get; init; } = SearchFilters.None;

    /// <summary>True when the query has words or phrases to rank by, before analysis drops stopwords.</summary>
    public bool HasText => Terms.Count > 0 || Phrases.Count > 0;

    /// <summary>True when nothing at all was asked: no text, no exclusion, no filter.</summary>
    public bool IsEmpty => !HasText && ExcludedTerms.Count == 0 && ExcludedPhrases.Count == 0 && Filters.IsEmpty;
}

/// <summary>Restrictions on which papers a query may return; they never change a result's score.</summary>
public sealed record SearchFilters
{
    /// <summary>No restriction.</summary>
    public static SearchFilters None { get; } = new();

    /// <summary>Every one of these names must be among a paper's authors (<c>author:</c>).</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>None of these names may be among a paper's authors (<c>-author:</c>).</summary>
    public IReadOnlyList<string> ExcludedAuthors { get; init; } = [];

    /// <summary>A paper must be in at least one of these categories (<c>cat:</c>); an archive such as <c>cs</c> covers its subjects.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>A paper may be in none of these categories (<c>-cat:</c>).</summary>
    public IReadOnlyList<string> ExcludedCategories { get; init; } = [];

    /// <summary>The first day (inclusive) of the paper's listing or publication (<c>from:</c>, <c>year:</c>).</summary>
    public DateOnly? From { get; init; }

    /// <summary>The last day (inclusive) of the paper's listing or publication (<c>to:</c>, <c>year:</c>).</summary>
    public DateOnly? To { get; init; }

    public bool IsEmpty =>
        Authors.Count == 0 && ExcludedAuthors.Count == 0 && Categories.Count == 0 && ExcludedCategories.Count == 0
        && From is null && To is null;
}
