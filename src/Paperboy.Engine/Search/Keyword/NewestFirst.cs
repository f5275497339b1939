using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Paperboy.Search.Keyword;

/// <summary>The papers of a query with no words to rank by (filters or exclusions alone), newest first, exactly as Lucene's sort by day lists them.</summary>
/// <remarks>
/// Lucene collects every document such a query matches into a queue ordered by day: at 75,000 papers an exclusion alone
/// cost about 15 ms of CPU a search, and its cost grows with the index. Here each segment keeps its documents in
/// newest-first order (<see cref="DayOrder"/>, made ahead by <see cref="Prepare"/> or at first use); a search walks that
/// order and takes the first documents its restriction admits, or, when it admits few, orders just those. Equal days go
/// to the lower document number, as in Lucene's collector, and segments merge by day, then document number.
/// </remarks>
internal static class NewestFirst
{
    /// <summary>Below one admitted document in this many, the admitted ones are gathered and ordered instead of walking the order.</summary>
    private const int SparseRatio = 64;

    /// <summary>Makes the segment's day order now, if it has none yet, rather than at the first search that needs it.</summary>
    public static void Prepare(AtomicReader reader) => DayOrder.Of(reader);

    /// <summary>Up to <paramref name="limit"/> documents that <paramref name="restriction"/> admits, newest first.</summary>
    public static ScoreDoc[] Search(IndexSearcher searcher, Restriction restriction, int limit)
    {
        var admission = new Admission(searcher, restriction);
        var found = new List<(int Day, int Doc)>();
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            if (admission.Of(leaf) is { } admitted)
            {
                var order = DayOrder.Of(leaf.AtomicReader);
                foreach (var doc in Newest(order, admitted.Documents, admitted.Count, limit))
                {
                    found.Add((order.Days[doc], leaf.DocBase + doc));
                }
            }
        }

        found.Sort(Newer);
        return found.Take(limit).Select(hit => new ScoreDoc(hit.Doc, 0f)).ToArray();
    }

    /// <summary>The segment's <paramref name="limit"/> newest admitted documents, in no particular order.</summary>
    private static List<int> Newest(DayOrder order, FixedBitSet admitted, int count, int limit)
    {
        var newest = new List<int>(Math.Min(limit, count));
        if ((long)count * SparseRatio < admitted.Length || count <= limit)
        {
            var all = new List<(int Day, int Doc)>(count);
            for (var doc = admitted.NextSetBit(0); doc >= 0; doc = doc + 1 < admitted.Length ? admitted.NextSetBit(doc + 1) : -1)
            {
                all.Add((order.Days[doc], doc));
            }

            all.Sort(Newer);
            newest.AddRange(all.Take(limit).Select(hit => hit.Doc));
            return newest;
        }

        // Dense: one document in SparseRatio or more is admitted, so the walk usually ends within limit * SparseRatio steps;
        // it goes further when the admitted documents are old ones (at worst the whole segment, a pass over an int array).
        foreach (var doc in order.Docs)
        {
            if (admitted.Get(doc))
            {
                newest.Add(doc);
                if (newest.Count == limit)
                {
                    break;
                }
            }
        }

        return newest;
    }

    private static int Newer((int Day, int Doc) a, (int Day, int Doc) b) => a.Day != b.Day ? b.Day.CompareTo(a.Day) : a.Doc.CompareTo(b.Doc);

    /// <summary>A segment's days, and its documents newest first (equal days by document number); kept with the segment.</summary>
    private sealed class DayOrder
    {
        private static readonly ConditionalWeakTable<object, DayOrder> _segments = [];

        private DayOrder(AtomicReader reader)
        {
            // The values Lucene's sort reads: the day's doc values, 0 where a paper has no day (so it comes last).
            var values = reader.GetNumericDocValues(KeywordDocument.Day);
            Days = new int[reader.MaxDoc];
            var keys = new ulong[reader.MaxDoc];
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                var day = values is null ? 0 : (int)values.Get(doc);
                Days[doc] = day;

                // Later days first (the day's bits in signed order, flipped), then lower document numbers.
                keys[doc] = ((ulong)~((uint)day ^ 0x8000_0000u) << 32) | (uint)doc;
            }

            Array.Sort(keys);
            Docs = Array.ConvertAll(keys, key => (int)(uint)key);
        }

        /// <summary>Per document, its day as <c>yyyymmdd</c>.</summary>
        public int[] Days { get; }

        /// <summary>The segment's documents, deleted ones too, newest first.</summary>
        public int[] Docs { get; }

        public static DayOrder Of(AtomicReader reader) => _segments.GetValue(reader.CoreCacheKey, _ => new DayOrder(reader));
    }
}
