namespace Paperboy.Papers;

/// <summary>One paper as a single source describes it, before it is merged into the store.</summary>
/// <remarks>Null means "the source does not say"; merging never overwrites a known value with an unknown one.</remarks>
public sealed record PaperRecord
{
    /// <summary>The source format, e.g. <c>arxiv-snapshot</c>, <c>hf-page</c>; recorded as each field's provenance.</summary>
    public required string Source { get; init; }

    /// <summary>Where in the input the record came from (file and line), for messages.</summary>
    public required string Origin { get; init; }

    /// <summary>The arXiv id without version, when the source has one.</summary>
    public string? ArxivId { get; init; }

    public int? Version { get; init; }

    public required string Title
    {
        get;
        init
        {
            field = value;
            _normalisedTitle = null;
        }
    }

    /// <summary>The title's <see cref="TitleKey"/>, computed once (importers compute it on the parsing thread).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string NormalisedTitle => _normalisedTitle ??= TitleKey.Normalise(Title);

    public IReadOnlyList<string>? Authors { get; init; }

    public int? AuthorCount { get; init; }

    public string? Abstract { get; init; }

    public IReadOnlyList<string>? Categories { get; init; }

    public DateOnly? Published { get; init; }

    public DateOnly? Updated { get; init; }

    public DateOnly? Listed { get; init; }

    public int? Upvotes { get; init; }

    public string? Comments { get; init; }

    public string? Doi { get; init; }

    /// <summary>The id this record merges into: its arXiv id, else the id derived from its title.</summary>
    public string PaperId => ArxivId ?? TitleKey.IdForKey(NormalisedTitle);

    private string? _normalisedTitle;
}
