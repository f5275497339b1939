using Paperboy.Store;

namespace Paperboy.Search.Keyword;

/// <summary>How far a catch-up has got: changes applied so far, the sequence reached, and the store's latest.</summary>
public sealed record KeywordFollowProgress(long Applied, long Sequence, long Latest);

/// <summary>What a catch-up did: how many changes it applied, between which store sequences.</summary>
public sealed record KeywordFollowSummary(long Applied, long FromSequence, long ToSequence);

/// <summary>Brings a keyword index up to date with the store's change feed, committing after every batch.</summary>
/// <remarks>
/// The index remembers the last change it committed, so a catch-up interrupted at any point (a crash, a
/// cancellation) resumes where the last commit left it; an empty index is rebuilt from the whole feed.
/// </remarks>
/// <param name="store">The store whose change feed is followed.</param>
/// <param name="index">The index that applies it.</param>
/// <param name="batchSize">Changes applied per commit.</param>
/// <param name="committed">Given each batch once the index has committed it, so that other views can follow the same changes.</param>
public sealed class KeywordIndexFollower(
    IPaperStore store, KeywordIndex index, int batchSize = KeywordIndexFollower.DefaultBatchSize, Action<IReadOnlyList<PaperChange>>? committed = null)
{
    public const int DefaultBatchSize = 2000;

    private readonly int _batchSize = batchSize > 0
        ? batchSize
        : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "the batch size must be positive");

    /// <summary>Applies every change the store has after the index's <see cref="KeywordIndex.AppliedSequence"/>.</summary>
    public KeywordFollowSummary CatchUp(IProgress<KeywordFollowProgress>? progress = null, CancellationToken cancellation = default)
    {
        var from = index.AppliedSequence;
        var latest = progress is null ? 0 : store.Head().ChangeSequence;
        long applied = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var changes = store.ChangesSince(index.AppliedSequence, _batchSize);
            if (changes.Count == 0)
            {
                break;
            }

            index.Apply(changes);
            index.Commit(changes[^1].Sequence);
            committed?.Invoke(changes);
            applied += changes.Count;
            progress?.Report(new KeywordFollowProgress(applied, index.AppliedSequence, Math.Max(latest, index.AppliedSequence)));
        }

        return new KeywordFollowSummary(applied, from, index.AppliedSequence);
    }
}
