using Paperboy.Papers;

namespace Paperboy.Store;

/// <summary>The system of record for papers: the one narrow seam every store provider implements.</summary>
/// <remarks>
/// Every write bumps a store-wide change sequence; derived indexes remember the last sequence they applied
/// and call <see cref="ChangesSince"/> to catch up.
/// </remarks>
public interface IPaperStore : IDisposable
{
    /// <summary>Merges a batch of source records in one transaction: all of it is stored, or none.</summary>
    MergeSummary Merge(IReadOnlyList<PaperRecord> batch);

    /// <summary>Starts a merge that takes many batches into one transaction, stored when it commits.</summary>
    /// <remarks>
    /// Importers hand records over in small batches, so that few are held in memory at once, and commit every few
    /// thousand, so that each index page is written to the log fewer times.
    /// </remarks>
    IPaperMerge BeginMerge();

    /// <summary>The paper with this id, or null.</summary>
    Paper? Find(string id);

    /// <summary>The papers of these ids that the store holds, in the order given (absent ids left out), read at once.</summary>
    /// <remarks>For a page of search results or related papers: one query instead of one per paper.</remarks>
    IReadOnlyList<Paper> FindMany(IReadOnlyList<string> ids);

    /// <summary>Papers matching <paramref name="query"/>, in its order.</summary>
    IReadOnlyList<Paper> List(PaperQuery query);

    /// <summary>Every paper, in id order, streamed.</summary>
    IEnumerable<Paper> ExportAll();

    /// <summary>Removes a paper; its removal is a change that indexes see.</summary>
    bool Delete(string id);

    /// <summary>Up to <paramref name="limit"/> changes after <paramref name="sequence"/>, oldest first.</summary>
    IReadOnlyList<PaperChange> ChangesSince(long sequence, int limit);

    /// <summary>Counts and ranges for <c>paperboy stats</c>; reads every paper, so not for frequent checks (see <see cref="Head"/>).</summary>
    StoreStatistics Statistics();

    /// <summary>The number of papers and the latest change sequence, cheap enough for health checks and pollers.</summary>
    StoreHead Head();

    /// <summary>Every day that lists papers, with how many, oldest first: the calendar of the daily pages.</summary>
    IReadOnlyList<ListingDay> ListingDays();

    /// <summary>Stores (or replaces) vectors of <paramref name="model"/> in one transaction; papers deleted meanwhile are skipped.</summary>
    /// <remarks>Each written vector gets a new embedding sequence number, so that vector indexes can catch up with <see cref="LoadEmbeddings"/>.</remarks>
    void SaveEmbeddings(EmbeddingModel model, IReadOnlyList<PaperEmbedding> embeddings);

    /// <summary>Marks stored vectors as current for papers that changed without a change to their embedded text.</summary>
    /// <param name="model">The model whose vectors to confirm.</param>
    /// <param name="papers">Each paper's id and the <see cref="Paper.Sequence"/> that was checked.</param>
    void ConfirmEmbeddings(EmbeddingModel model, IReadOnlyList<(string PaperId, long PaperSequence)> papers);

    /// <summary>Up to <paramref name="limit"/> papers, oldest change first, with no vector of this model version or changed since theirs.</summary>
    /// <remarks>Each must be saved or confirmed, or it is returned again: the job that embeds resumes from this list.</remarks>
    IReadOnlyList<EmbeddingCandidate> PapersMissingEmbeddings(EmbeddingModel model, int limit);

    /// <summary>How many papers have a vector of this model version (current or not).</summary>
    long CountEmbeddings(EmbeddingModel model);

    /// <summary>Every vector of this model version written after embedding sequence <paramref name="afterSequence"/>, oldest first, streamed.</summary>
    IEnumerable<StoredEmbedding> LoadEmbeddings(EmbeddingModel model, long afterSequence = 0);
}

/// <summary>What a merge did to each record of a batch.</summary>
public sealed record MergeSummary(int New, int Changed, int Unchanged)
{
    public static MergeSummary Empty { get; } = new(0, 0, 0);

    public static MergeSummary operator +(MergeSummary a, MergeSummary b) =>
        new(a.New + b.New, a.Changed + b.Changed, a.Unchanged + b.Unchanged);
}

/// <summary>Which papers to list and in what order.</summary>
public sealed record PaperQuery
{
    /// <summary>Only papers listed on this day.</summary>
    public DateOnly? ListedOn { get; init; }

    /// <summary>Only papers listed on this day or later.</summary>
    public DateOnly? ListedFrom { get; init; }

    /// <summary>Only papers listed on this day or earlier.</summary>
    public DateOnly? ListedTo { get; init; }

    public PaperOrder Order { get; init; } = PaperOrder.Upvotes;

    public int Limit { get; init; } = 50;

    public int Offset { get; init; }
}

/// <summary>Orders for <see cref="PaperQuery"/>.</summary>
public enum PaperOrder
{
    /// <summary>Most upvoted first, then newest.</summary>
    Upvotes,

    /// <summary>Newest listing first.</summary>
    Newest,

    /// <summary>By id.</summary>
    Id,
}

/// <summary>A listing day and the number of papers it lists.</summary>
public sealed record ListingDay(DateOnly Day, int Papers);

/// <summary>One entry of the change feed: a paper written (with its content) or deleted (null paper).</summary>
public sealed record PaperChange(long Sequence, string Id, Paper? Paper);

/// <summary>How many papers the store holds and its latest change sequence.</summary>
public sealed record StoreHead(long Papers, long ChangeSequence);

/// <summary>Figures about the store's contents.</summary>
public sealed record StoreStatistics(
    long Papers,
    long WithArxivId,
    long WithAbstract,
    long Upvotes,
    DateOnly? FirstListed,
    DateOnly? LastListed,
    long ChangeSequence,
    int SchemaVersion);
