using System.Collections.Concurrent;
using Paperboy.Submissions;
using Paperboy.Web.Daily;
using Paperboy.Web.Library;

namespace Paperboy.Web.Submissions;

/// <summary>
/// The submitted papers a listing page shows: those of its <paramref name="Period"/>, and on the front page those of
/// the days after it up to <paramref name="Through"/> (today), since they have no listing of their own yet.
/// </summary>
public sealed record SubmittedSpan(ListingPeriod Period, DateOnly Through)
{
    /// <summary>Whether the span reaches past the period (the front page's).</summary>
    public bool PastPeriod => Through > Period.Last;
}

/// <summary>The curated lists (papers users submitted) of listing periods, cached until the store changes.</summary>
/// <remarks>A submission and a vote both bump the store's change sequence, so keying by it is enough to stay current.</remarks>
public sealed class SubmittedListings(PaperLibrary library, ISubmissionStore submissions)
{
    /// <summary>How many submitted papers a period shows at most, most upvoted first.</summary>
    public const int Limit = 50;

    private const int MaxCachedPeriods = 1024;

    private Cache _cache = new(-1, new());

    /// <summary>The papers submitted on the days of <paramref name="span"/>, most upvoted first.</summary>
    public IReadOnlyList<SubmittedPaper> Of(SubmittedSpan span)
    {
        ArgumentNullException.ThrowIfNull(span);
        var (first, last) = (span.Period.First, span.Through);
        var sequence = library.ChangeSequence;
        var cache = Volatile.Read(ref _cache);
        if (cache.Sequence != sequence || cache.Lists.Count > MaxCachedPeriods)
        {
            cache = new Cache(sequence, new());
            Volatile.Write(ref _cache, cache);
        }

        return cache.Lists.GetOrAdd((first, last), _ => submissions.ListSubmitted(new SubmissionQuery(first, last) { Limit = Limit }));
    }

    private sealed record Cache(long Sequence, ConcurrentDictionary<(DateOnly, DateOnly), IReadOnlyList<SubmittedPaper>> Lists);
}
