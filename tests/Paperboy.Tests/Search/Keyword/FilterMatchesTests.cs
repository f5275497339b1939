using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Paperboy.Search.Keyword;

namespace Paperboy.Tests.Search.Keyword;

/// <summary>The matches of filters and exclusions kept with a segment.</summary>
public sealed class FilterMatchesTests
{
    [Fact]
    public void Matches_are_made_once_and_the_set_used_lately_outlives_many_others()
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))))
        {
            for (var doc = 0; doc < 100; doc++)
            {
                writer.AddDocument(new Document { new StringField("tag", $"t{doc % 50}", Field.Store.NO) });
            }
        }

        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var leaf = reader.Leaves.Single();
        var made = new Dictionary<string, int>();
        FixedBitSet Matches(string tag)
        {
            var query = new TermQuery(new Term("tag", tag));
            return FilterMatches.Of(query, () => { made[tag] = made.GetValueOrDefault(tag) + 1; return searcher.CreateNormalizedWeight(query); }, leaf);
        }

        // t7 is asked for between each of 40 other tags: more than a segment keeps, yet t7 is never made again.
        Assert.Equal([7, 57], Members(Matches("t7")));
        for (var other = 10; other < 50; other++)
        {
            Assert.Equal([other, other + 50], Members(Matches($"t{other}")));
            Assert.Equal([7, 57], Members(Matches("t7")));
        }

        Assert.Equal(1, made["t7"]);

        // The tags asked for once, longest ago, were let go; asking again makes them anew.
        Matches("t10");
        Assert.Equal(2, made["t10"]);
    }

    private static List<int> Members(FixedBitSet set)
    {
        var members = new List<int>();
        for (var doc = set.NextSetBit(0); doc >= 0; doc = doc + 1 < set.Length ? set.NextSetBit(doc + 1) : -1)
        {
            members.Add(doc);
        }

        return members;
    }
}
