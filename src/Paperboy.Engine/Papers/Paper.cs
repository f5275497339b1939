namespace Paperboy.Papers;

/// <summary>A paper as the store holds it: the merge of every record seen for it.</summary>
public sealed record Paper
{
    /// <summary>The arXiv id without version (e.g. <c>2212.09525</c>), or a <c>t:</c> id derived from the normalised title.</summary>
    public required string Id { get; init; }

    /// <summary>The arXiv version the title and abstract come from, when the source said.</summary>
    public int? Version { get; init; }

    public required string Title { get; init; }

    /// <summary>Author names, in order; empty when the source only gave a count.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>The number of authors: the length of <see cref="Authors"/> when names are known.</summary>
    public int? AuthorCount { get; init; }

    /// <summary>The abstract exactly as the source gave it (arXiv's hard line breaks included).</summary>
    public string Abstract { get; init; } = "";

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The day the paper (its first version) was published.</summary>
    public DateOnly? Published { get; init; }

    /// <summary>The day its newest version appeared.</summary>
    public DateOnly? Updated { get; init; }

    /// <summary>The day of the daily listing the paper appeared in.</summary>
    public DateOnly? Listed { get; init; }

    /// <summary>All upvotes: those an outside source reported (e.g. Hugging Face) plus <see cref="SiteUpvotes"/>.</summary>
    /// <remarks>The source's part never decreases on import; site votes add to it and can be taken back (docs/web-accounts.md).</remarks>
    public int Upvotes { get; init; }

    /// <summary>Upvotes cast by this site's users, included in <see cref="Upvotes"/>.</summary>
    public int SiteUpvotes { get; init; }

    /// <summary>The upvotes an outside source reported: <see cref="Upvotes"/> less <see cref="SiteUpvotes"/>.</summary>
    public int SourceUpvotes => Upvotes - SiteUpvotes;

    public string? Comments { get; init; }

    public string? Doi { get; init; }

    /// <summary>For each field, the source it was last taken from (e.g. <c>title → arxiv-snapshot</c>).</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();

    /// <summary>The store-wide change sequence number of the last write to this paper.</summary>
    public long Sequence { get; init; }

    /// <summary>The abstract for display: arXiv's hard line breaks joined, paragraphs kept.</summary>
    public string DisplayAbstract => AbstractText.ForDisplay(Abstract);

    /// <summary>True when <see cref="Id"/> is an arXiv identifier.</summary>
    public bool HasArxivId => ArxivId.IsArxivId(Id);
}
