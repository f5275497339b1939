using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paperboy.Search;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Keyword;

namespace Paperboy.Web.Library;

/// <summary>Keeps the indexes up with the store while the site runs: keyword catch-up every few seconds, and embedding of what lacks vectors.</summary>
/// <remarks>
/// Both jobs checkpoint as they go (the keyword index commits each batch with its store sequence; each embedded batch is
/// saved to the store), so stopping the host at any point loses at most one batch, which the next start redoes.
/// </remarks>
public sealed class IndexFollower(PaperLibrary library, IOptions<PaperboyOptions> options, ILogger<IndexFollower> logger) : BackgroundService
{
    private TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(0.05, options.Value.FollowIntervalSeconds));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            Task.Factory.StartNew(() => FollowKeywords(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap(),
            Task.Factory.StartNew(() => Embed(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());

    private async Task FollowKeywords(CancellationToken stoppingToken)
    {
        var postingsCopied = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A search or an earlier tick that found the index damaged left it to be emptied here and rebuilt below.
                if (library.ResetDamagedKeywordIndex() is { } damage)
                {
                    LibraryLog.KeywordIndexDamaged(logger, library.Keyword.ToString(), damage);
                    postingsCopied = false;
                }

                var summary = library.CatchUp(stoppingToken);
                if (summary.Applied > 0)
                {
                    LibraryLog.KeywordsApplied(logger, summary.Applied, summary.ToSequence);
                }

                // Batches leave the index in many segments; merged into one before its postings are copied. A stop
                // does not wait for the merge: the host disposes the library, which aborts it, and the next start redoes it.
                var merging = Stopwatch.GetTimestamp();
                if (library.CompactKeywordIndex(stoppingToken) is { } segments)
                {
                    LibraryLog.KeywordIndexCompacted(logger, segments, Math.Round(Stopwatch.GetElapsedTime(merging).TotalSeconds, 1));
                }

                // Once caught up, so that searches of common words do not pay for copying them: everything at start,
                // then only the segments Lucene has written or merged since.
                var started = Stopwatch.GetTimestamp();
                var (words, postings) = library.Keyword.CopyPostingsIntoMemory(stoppingToken);
                var seconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1);
                if (!postingsCopied)
                {
                    LibraryLog.PostingsCopied(logger, words, postings, seconds);
                    postingsCopied = true;
                }
                else if (words > 0)
                {
                    LibraryLog.NewPostingsCopied(logger, words, postings, seconds);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A failed catch-up (a locked or busy store) is retried at the next tick; the site keeps serving.
                LibraryLog.KeywordsFailed(logger, e, Interval);
                if (e is KeywordIndexException { IsDamaged: true })
                {
                    library.ReportKeywordDamage(e.Message);
                }
            }

            await Delay(stoppingToken);
        }
    }

    private async Task Embed(CancellationToken stoppingToken)
    {
        // Looking for papers without vectors reads the whole store (0.4 s at 75k papers); only a change can add one, so a
        // pass that found none is not repeated until the store's change sequence moves. Vectors saved by another process
        // (`paperboy vectors import`, `paperboy index`) are picked up at every tick: an indexed read of what is new.
        var settledAt = -1L;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var arrived = library.Legs.Sum(leg => CatchUpVectors(leg, stoppingToken));
                var sequence = library.Store.Head().ChangeSequence;
                if (sequence != settledAt)
                {
                    EmbedMissing(sequence, stoppingToken);
                    settledAt = stoppingToken.IsCancellationRequested ? -1 : sequence;
                }
                else if (arrived > 0)
                {
                    // Vectors from another process: recounted only then, as counting reads every stored vector.
                    library.EmbeddingBacklog = new(library.Legs.Sum(leg => Backlog(EmbeddingPipeline.ModelOf(leg.Embedder))), sequence);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping during the load of the vectors (half a minute at a million papers): the next start loads them again.
                return;
            }
            catch (Exception e)
            {
                LibraryLog.EmbeddingFailed(logger, e, Interval);
            }

            await Delay(stoppingToken);
        }
    }

    /// <summary>Embeds what has no vector, counting the backlog as of the store's change <paramref name="sequence"/> (read before the count).</summary>
    private void EmbedMissing(long sequence, CancellationToken stoppingToken)
    {
        var backlogs = library.Legs.Select(leg => Backlog(EmbeddingPipeline.ModelOf(leg.Embedder))).ToArray();
        library.EmbeddingBacklog = new(backlogs.Sum(), sequence);
        for (var i = 0; i < library.Legs.Count && !stoppingToken.IsCancellationRequested; i++)
        {
            var leg = library.Legs[i];
            var pipeline = new EmbeddingPipeline(library.Store, leg.Embedder);
            var leg1 = i;
            var progress = new SynchronousProgress<EmbeddingProgress>(p =>
            {
                // Each saved batch becomes searchable at once.
                leg.Index.CatchUp(library.Store, stoppingToken);
                backlogs[leg1] = p.Remaining;
                library.EmbeddingBacklog = new(backlogs.Sum(), sequence);
            });
            var run = pipeline.Run(progress, stoppingToken);
            leg.Index.CatchUp(library.Store, stoppingToken);
            backlogs[i] = Backlog(pipeline.Model);
            library.EmbeddingBacklog = new(backlogs.Sum(), sequence);
            if (run.Embedded > 0)
            {
                LibraryLog.Embedded(logger, run.Embedded, leg.Name, Math.Round(run.Elapsed.TotalSeconds, 1));
            }
        }
    }

    /// <summary>Applies the vectors stored since the index's last: all of them at start, then those another process saved.</summary>
    private int CatchUpVectors(SemanticLeg leg, CancellationToken stoppingToken)
    {
        var clock = Stopwatch.StartNew();
        var applied = leg.Index.CatchUp(library.Store, stoppingToken);
        if (applied > 0)
        {
            LibraryLog.VectorsApplied(logger, leg.Name, applied, Math.Round(clock.Elapsed.TotalSeconds, 1), leg.Index.Count, leg.Index.Layout);
        }

        return applied;
    }

    private long Backlog(Paperboy.Store.EmbeddingModel model) =>
        Math.Max(0, library.Store.Head().Papers - library.Store.CountEmbeddings(model));

    private async Task Delay(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Interval, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Shutdown: the loop condition ends the job.
        }
    }

    /// <summary>Reports on the embedding thread itself, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
