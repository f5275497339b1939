using Paperboy.Store;
using Paperboy.Web.Library;

namespace Paperboy.Web.Trending;

/// <summary>The trending ranking: recent papers ordered by <see cref="TrendingScore"/>, recomputed when the store changes and every few minutes.</summary>
public sealed class TrendingPapers(PaperLibrary library, TimeProvider clock)
{
    /// <summary>How many papers of the window, most upvoted first, are scored: enough to hold every paper with votes.</summary>
    public const int Candidates = 5000;

    /// <summary>Ages move scores slowly; recomputing this often keeps the order current at the cost of one query.</summary>
    private static readonly TimeSpan _refresh = TimeSpan.FromMinutes(5);

    private Snapshot _ranking = new(-1, DateTimeOffset.MinValue, []);

    /// <summary>The ranking, best first: papers with upvotes by score, ties broken by newer listing and id.</summary>
    public IReadOnlyList<TrendingScore> Ranking()
    {
        var now = clock.GetUtcNow();
        var sequence = library.ChangeSequence;
        var ranking = Volatile.Read(ref _ranking);
        if (ranking.Sequence == sequence && now - ranking.ComputedAt < _refresh)
        {
            return ranking.Scores;
        }

        ranking = new Snapshot(sequence, now, Compute(now));
        Volatile.Write(ref _ranking, ranking);
        return ranking.Scores;
    }

    private List<TrendingScore> Compute(DateTimeOffset now)
    {
        var days = library.Store.ListingDays();
        if (days.Count == 0)
        {
            return [];
        }

        var newest = days[^1].Day;
        var papers = library.Store.List(new PaperQuery
        {
            ListedFrom = newest.AddDays(-(TrendingScore.WindowDays - 1)),
            ListedTo = newest,
            Order = PaperOrder.Upvotes,
            Limit = Candidates,
        });
        return papers
            .Where(p => p.Upvotes > 0)
            .Select(p => TrendingScore.Of(p, now))
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => s.Paper.Listed)
            .ThenBy(s => s.Paper.Id, StringComparer.Ordinal)
            .ToList();
    }

    private sealed record Snapshot(long Sequence, DateTimeOffset ComputedAt, IReadOnlyList<TrendingScore> Scores);
}
