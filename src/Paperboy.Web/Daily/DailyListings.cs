using System.Collections.Concurrent;
using Paperboy.Papers;
using Paperboy.Store;
using Paperboy.Submissions;
using Paperboy.Web.Library;

namespace Paperboy.Web.Daily;

/// <summary>
/// One page of a listing period: its papers in the asked order, the neighbouring periods that list papers, and the
/// period's newest listing day (null when it has submissions only), which its day, week and month views all list.
/// </summary>
public sealed record DailyListing(
    ListingPeriod Period,
    PaperOrder Order,
    int Page,
    int PageCount,
    int Total,
    IReadOnlyList<Paper> Papers,
    ListingPeriod? Previous,
    ListingPeriod? Next,
    DateOnly? NewestDay);

/// <summary>The daily, weekly and monthly listings, cached until the store changes.</summary>
/// <remarks>
/// The listing pages are the busiest of the site and change only when the store does, so each page's papers are read
/// once per store change sequence rather than once per request.
/// </remarks>
public sealed class DailyListings(PaperLibrary library, ISubmissionStore submissions)
{
    /// <summary>More cached pages than this (a crawler walking every day) empties the cache rather than growing it.</summary>
    private const int MaxCachedPages = 2048;

    private readonly ConcurrentDictionary<(long, ListingPeriod, PaperOrder, int, int), DailyListing?> _pages = new();
    private Calendar _calendar = new(-1, []);

    /// <summary>A day listing fewer papers than this is a stray late listing, not the front page's "today".</summary>
    public const int FullDayPapers = 5;

    /// <summary>The day the front page shows: the newest day listing at least <see cref="FullDayPapers"/> papers, else the newest day; null for a store without listed papers.</summary>
    /// <remarks>A harvested arXiv day lists hundreds; single late papers (from imports of older pages) stay reachable by the next-day links.</remarks>
    public DateOnly? FrontDay => Current().Days is [.., var last] days
        ? days.LastOrDefault(d => d.Papers >= FullDayPapers)?.Day ?? last.Day
        : null;

    /// <summary>
    /// Page <paramref name="page"/> (from 1) of the period; null when the page is past the end, or the period neither
    /// lists papers nor has readers' submissions (a period with submissions alone is one empty page, beside them).
    /// </summary>
    public DailyListing? Find(ListingPeriod period, PaperOrder order, int page, int pageSize)
    {
        var calendar = Current();
        if (_pages.Count > MaxCachedPages)
        {
            _pages.Clear();
        }

        return _pages.GetOrAdd((calendar.Sequence, period, order, page, pageSize), _ => Read(calendar, period, order, page, pageSize));
    }

    private DailyListing? Read(Calendar calendar, ListingPeriod period, PaperOrder order, int page, int pageSize)
    {
        var listed = calendar.Days.Where(d => period.Contains(d.Day)).ToList();
        var total = listed.Sum(d => d.Papers);
        var pageCount = total == 0 && submissions.CountSubmitted(period.First, period.Last) > 0 ? 1 : (total + pageSize - 1) / pageSize;
        if (page < 1 || page > pageCount)
        {
            return null;
        }

        IReadOnlyList<Paper> papers = total == 0 ? [] : library.Store.List(new PaperQuery
        {
            ListedFrom = period.First,
            ListedTo = period.Last,
            Order = order,
            Limit = pageSize,
            Offset = (page - 1) * pageSize,
        });
        var previous = calendar.Days.LastOrDefault(d => d.Day < period.First);
        var next = calendar.Days.FirstOrDefault(d => d.Day > period.Last);
        return new DailyListing(
            period,
            order,
            page,
            pageCount,
            total,
            papers,
            previous is null ? null : period.Around(previous.Day),
            next is null ? null : period.Around(next.Day),
            listed.Count > 0 ? listed[^1].Day : null);
    }

    /// <summary>The listing days as of the store's current change sequence; a newer sequence drops every cached page.</summary>
    /// <remarks>Cached pages are keyed by the sequence too, so a page read while the sequence moved is never served for the new one.</remarks>
    private Calendar Current()
    {
        var sequence = library.ChangeSequence;
        var calendar = Volatile.Read(ref _calendar);
        if (calendar.Sequence == sequence)
        {
            return calendar;
        }

        calendar = new Calendar(sequence, library.Store.ListingDays());
        _pages.Clear();
        Volatile.Write(ref _calendar, calendar);
        return calendar;
    }

    private sealed record Calendar(long Sequence, IReadOnlyList<ListingDay> Days);
}
