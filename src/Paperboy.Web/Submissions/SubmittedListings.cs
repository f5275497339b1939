using System.Collections.Concurrent;
using Paperboy.Submissions;
using Paperboy.Web.Daily;
using Paperboy.Web.Library;

namespace Paperboy.Web.Submissions;

/// <summary>The curated lists (papers users submitted) of listing periods, cached until the store changes.</summary>
/// <remarks>A submission and a vote both bump the store's change sequence, so keying by it is enough to stay current.</remarks>
public sealed class SubmittedListings(PaperLibrary library, ISubmissionStore submissions)
{
    /// <summary>How many submitted papers a period shows at most, most upvoted first.</summary>
    public const int Limit = 50;

    private const int MaxCachedPeriods = 1024;

    private Cache _cache = new(-1, new());

    /// <summary>The papers submitted on the days of <paramref name="period"/>, most upvoted first.</summary>
    public IReadOnlyList<SubmittedPaper> Of(ListingPeriod period)
    {
        var sequence = library.ChangeSequence;
        var cache = Volatile.Read(ref _cache);
        if (cache.Sequence != sequence || cache.Lists.Count > MaxCachedPeriods)
        {
            cache = new Cache(sequence, new());
            Volatile.Write(ref _cache, cache);
        }

        return cache.Lists.GetOrAdd((period.First, period.Last), _ => submissions.ListSubmitted(new SubmissionQuery(period.First, period.Last) { Limit = Limit }));
    }

    private sealed record Cache(long Sequence, ConcurrentDictionary<(DateOnly, DateOnly), IReadOnlyList<SubmittedPaper>> Lists);
}
