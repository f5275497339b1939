using Paperboy.Papers;

namespace Paperboy.Store;

/// <summary>One open merge transaction of a store, fed batch by batch (see <see cref="IPaperStore.BeginMerge"/>).</summary>
/// <remarks>Disposing it rolls back whatever was merged since the last <see cref="Commit"/>.</remarks>
public interface IPaperMerge : IDisposable
{
    /// <summary>Merges records into the open transaction; later batches see what earlier ones wrote.</summary>
    /// <returns>What the merge did to each record; nothing of it is stored until <see cref="Commit"/>.</returns>
    MergeSummary Merge(IReadOnlyList<PaperRecord> batch);

    /// <summary>Stores everything merged so far, all of it or none; later merges go into a new transaction.</summary>
    void Commit();
}
