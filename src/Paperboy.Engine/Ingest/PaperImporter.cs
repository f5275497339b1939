using System.Diagnostics;
using System.Threading.Channels;
using Paperboy.Papers;
using Paperboy.Store;

namespace Paperboy.Ingest;

/// <summary>Streams records from inputs into the store, committing every <see cref="ImportOptions.BatchSize"/> records.</summary>
/// <remarks>
/// Parsing and merging run on two threads joined by a small bounded queue, so memory stays constant whatever
/// the input's size. Records cross the queue in hand-overs of at most <see cref="HandOverSize"/>, far fewer than a
/// transaction holds: the records in flight then stay well under the garbage collector's youngest generation, most of
/// them die young, and a large transaction costs SQLite's page cache rather than managed memory. Every transaction
/// commits on its own: a crash or Ctrl-C loses at most the one not yet committed, and since merging is idempotent a
/// rerun completes the work with nothing stored twice.
/// </remarks>
public sealed class PaperImporter(IPaperStore store, ImportOptions options)
{
    /// <summary>The most records that cross from the parsing thread to the merging thread at once.</summary>
    public const int HandOverSize = 256;

    private sealed record Batch(List<PaperRecord> Records, string Input, long BytesRead, int Skipped, bool EndsTransaction);

    /// <summary>Imports every input in turn; with <see cref="ImportOptions.Strict"/>, up to the first bad record (<see cref="ImportReport.StoppedAt"/>).</summary>
    public ImportReport Import(IReadOnlyList<ImportInput> inputs, IProgress<ImportProgress>? progress = null, CancellationToken cancellation = default)
    {
        var total = inputs.Sum(i => i.Length);
        return Run(parse => ReadInputs(inputs, parse), total, inputs.Count, progress, cancellation);
    }

    /// <summary>Imports records from a source other than files (a harvest, say); <paramref name="inputName"/> names it in progress.</summary>
    public ImportReport Import(IEnumerable<SourceEntry> entries, string inputName, IProgress<ImportProgress>? progress = null, CancellationToken cancellation = default) =>
        Run(parse => parse.Consume(entries, inputName, () => 0), 0, 1, progress, cancellation);

    private ImportReport Run(Action<BatchProducer> produce, long totalBytes, int files, IProgress<ImportProgress>? progress, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var queue = Channel.CreateBounded<Batch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        // The parser stops when the caller cancels or when merging fails, so it never waits on a full queue forever.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var producer = new BatchProducer(queue.Writer, options, stop.Token);
        var parsing = Task.Run(() => producer.Run(produce), CancellationToken.None);

        var committed = MergeSummary.Empty;
        try
        {
            using var merge = store.BeginMerge();
            var pending = MergeSummary.Empty;
            Batch? last = null;
            void Commit()
            {
                merge.Commit();
                committed += pending;
                pending = MergeSummary.Empty;
                if (last is not null)
                {
                    progress?.Report(new ImportProgress(last.Input, last.BytesRead, totalBytes, committed.New + committed.Changed + committed.Unchanged, last.Skipped));
                }
            }

            foreach (var batch in queue.Reader.ReadAllAsync(CancellationToken.None).ToBlockingEnumerable(CancellationToken.None))
            {
                if (cancellation.IsCancellationRequested)
                {
                    break;
                }

                pending += merge.Merge(batch.Records);
                last = batch;
                if (batch.EndsTransaction)
                {
                    Commit();
                }
            }

            // The input's end, or the parser's failure (a bad record under --strict): what came before is kept. After
            // Ctrl-C the open transaction is rolled back instead, so that only whole transactions stay behind.
            if (!cancellation.IsCancellationRequested)
            {
                Commit();
            }
        }
        finally
        {
            stop.Cancel();
        }

        InputError? stoppedAt = null;
        try
        {
            parsing.GetAwaiter().GetResult();
        }
        catch (StrictImportException e)
        {
            stoppedAt = e.Error;
        }
        catch (InputException e) when (options.Strict)
        {
            // An input that could not even be opened as its format.
            stoppedAt = new InputError(e.Origin, e.Reason);
        }

        return new ImportReport
        {
            New = committed.New,
            Changed = committed.Changed,
            Unchanged = committed.Unchanged,
            Skipped = producer.Skipped,
            Errors = producer.Errors,
            FailedInputs = producer.FailedInputs,
            Files = files,
            Cancelled = cancellation.IsCancellationRequested,
            StoppedAt = stoppedAt,
            Elapsed = clock.Elapsed,
        };
    }

    private static void ReadInputs(IReadOnlyList<ImportInput> inputs, BatchProducer producer)
    {
        long finishedBytes = 0;
        foreach (var input in inputs)
        {
            using (var stream = input.OpenForReading(out var counter))
            {
                producer.Consume(ReadGuarded(input, stream, counter), input.Path, () => finishedBytes + counter.BytesRead);
            }

            finishedBytes += input.Length;
        }
    }

    /// <summary>The reader's entries, with failures of the file itself (corrupt gzip) turned into <see cref="InputException"/>.</summary>
    private static IEnumerable<SourceEntry> ReadGuarded(ImportInput input, Stream stream, CountingStream counter)
    {
        using var entries = input.Reader.Read(stream, input.Path).GetEnumerator();
        while (true)
        {
            try
            {
                if (!entries.MoveNext())
                {
                    yield break;
                }
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
            {
                throw new InputException(input.Path, $"cannot read past compressed byte offset {counter.BytesRead}: {e.Message} (truncated or corrupt file?)", e);
            }

            yield return entries.Current;
        }
    }

    /// <summary>The parsing side: turns entries into hand-overs, marking where each transaction ends, and counts and keeps bad records.</summary>
    private sealed class BatchProducer(ChannelWriter<Batch> queue, ImportOptions options, CancellationToken cancellation)
    {
        private readonly List<InputError> _errors = [];
        private readonly List<string> _failedInputs = [];
        private readonly int _handOverSize = Math.Min(HandOverSize, options.BatchSize);
        private int _untilCommit = options.BatchSize;

        public int Skipped { get; private set; }

        public IReadOnlyList<InputError> Errors => _errors;

        public IReadOnlyList<string> FailedInputs => _failedInputs;

        public void Run(Action<BatchProducer> produce)
        {
            try
            {
                produce(this);
                queue.Complete();
            }
            catch (OperationCanceledException)
            {
                queue.Complete();
            }
            catch (Exception)
            {
                queue.Complete();
                throw;
            }
        }

        public void Consume(IEnumerable<SourceEntry> entries, string input, Func<long> bytesRead)
        {
            var batch = new List<PaperRecord>(_handOverSize);
            try
            {
                foreach (var entry in entries)
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (entry.Error is { } error)
                    {
                        Skip(error, batch, input, bytesRead);
                        continue;
                    }

                    // Computed here, on the parsing thread, so the merging thread finds it ready.
                    _ = entry.Record!.NormalisedTitle;
                    batch.Add(entry.Record);
                    if (--_untilCommit == 0 || batch.Count == _handOverSize)
                    {
                        batch = Send(batch, input, bytesRead());
                    }
                }
            }
            catch (InputException e)
            {
                if (options.Strict)
                {
                    // The records read before the unreadable part are kept, as before a bad record.
                    Send(batch, input, bytesRead());
                    throw new StrictImportException(new InputError(e.Origin, e.Reason));
                }

                _failedInputs.Add(e.Message);
            }

            Send(batch, input, bytesRead());
        }

        private void Skip(InputError error, List<PaperRecord> batch, string input, Func<long> bytesRead)
        {
            if (options.Strict)
            {
                Send(batch, input, bytesRead());
                throw new StrictImportException(error);
            }

            Skipped++;
            if (_errors.Count < ImportReport.MaxErrorsKept)
            {
                _errors.Add(error);
            }
        }

        private List<PaperRecord> Send(List<PaperRecord> batch, string input, long bytesRead)
        {
            if (batch.Count > 0)
            {
                var endsTransaction = _untilCommit == 0;
                if (endsTransaction)
                {
                    _untilCommit = options.BatchSize;
                }

                queue.WriteAsync(new Batch(batch, input, bytesRead, Skipped, endsTransaction), cancellation).AsTask().GetAwaiter().GetResult();
            }

            return new List<PaperRecord>(_handOverSize);
        }
    }
}
