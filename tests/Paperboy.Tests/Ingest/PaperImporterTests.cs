using Paperboy.Ingest;
using Paperboy.Papers;
using Paperboy.Store.Sqlite;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Ingest;

public sealed class PaperImporterTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly SqlitePaperStore _store;

    public PaperImporterTests() => _store = SqlitePaperStore.Open(_data.Path);

    public void Dispose()
    {
        _store.Dispose();
        _data.Dispose();
    }

    [Fact]
    public void Records_many_hand_overs_apart_merge_into_one_paper_and_every_transaction_is_reported_once()
    {
        var records = Numbered(1000).Append(Records.Arxiv("2401.00010", upvotes: 5)).ToList();
        var progress = new List<ImportProgress>();

        var report = new PaperImporter(_store, new ImportOptions { BatchSize = 300 })
            .Import(records.Select(SourceEntry.Of), "numbered", new SynchronousProgress(progress.Add), TestContext.Current.CancellationToken);

        Assert.Equal((1000, 1, 0), (report.New, report.Changed, report.Unchanged));
        Assert.Equal(1000, _store.Statistics().Papers);
        Assert.Equal(5, _store.Find("2401.00010")!.Upvotes);
        Assert.Equal([300, 600, 900, 1001], progress.Select(p => p.Records));
    }

    [Fact]
    public void A_cancelled_import_keeps_only_whole_transactions_and_reports_what_it_kept()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        IEnumerable<SourceEntry> CancelAfter700()
        {
            foreach (var (record, index) in Numbered(2000).Select((r, i) => (r, i)))
            {
                if (index == 700)
                {
                    cancel.Cancel();
                }

                yield return SourceEntry.Of(record);
            }
        }

        var report = new PaperImporter(_store, new ImportOptions { BatchSize = 300 }).Import(CancelAfter700(), "numbered", cancellation: cancel.Token);

        Assert.True(report.Cancelled);
        var stored = _store.Statistics().Papers;
        Assert.Equal(0, stored % 300);
        Assert.InRange(stored, 0, 600);
        Assert.Equal(stored, report.New);
    }

    [Fact]
    public void A_strict_import_stopped_by_an_unreadable_input_keeps_the_records_read_before_it()
    {
        // 100 records, fewer than one hand-over, then the input breaks (as a truncated gzip file does).
        static IEnumerable<SourceEntry> BreaksAfter100()
        {
            foreach (var record in Numbered(100))
            {
                yield return SourceEntry.Of(record);
            }

            throw new InputException("broken.jsonl.gz", "cannot read past compressed byte offset 4096");
        }

        var report = new PaperImporter(_store, new ImportOptions { Strict = true }).Import(BreaksAfter100(), "broken", cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(100, report.New);
        Assert.Equal(100, _store.Statistics().Papers);
        Assert.Equal("broken.jsonl.gz: cannot read past compressed byte offset 4096", report.StoppedAt?.ToString());
    }

    private static IEnumerable<PaperRecord> Numbered(int count) =>
        Enumerable.Range(1, count).Select(i => Records.Arxiv($"2401.{i:D5}", $"Paper number {i}"));

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>, so the list is complete when the import returns.</summary>
    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
