using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using Paperboy.Papers;
using Paperboy.Search.Keyword;
using Paperboy.Store;
using Paperboy.Store.Sqlite;
using FSDirectory = Lucene.Net.Store.FSDirectory;

namespace Paperboy.Tests.Search.Keyword;

public sealed class KeywordIndexFollowerTests : IDisposable
{
    private static readonly string[] _queries =
        ["graph networks", "learning", "\"language model\" agents", "robots -vision", "cat:cs.LG", "author:lovelace models"];

    private static readonly string[] _syntheticQueries = ["word7 word42", "word1999"];

    private readonly TemporaryFolder _folder = new();
    private readonly SqlitePaperStore _store;

    public KeywordIndexFollowerTests() => _store = SqlitePaperStore.Open(Path.Combine(_folder.Path, "data"));

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string IndexPath => KeywordIndex.DirectoryIn(Path.Combine(_folder.Path, "data"));

    private static PaperRecord Record(Paper paper, int version = 1) => new()
    {
        Source = "test",
        Origin = $"test:{paper.Id}",
        ArxivId = paper.Id,
        Version = version,
        Title = paper.Title,
        Abstract = paper.Abstract,
        Authors = paper.Authors,
        Categories = paper.Categories,
        Listed = paper.Listed,
        Published = paper.Published,
    };

    private void MergePapers(int from, int count) =>
        _store.Merge([.. KeywordCorpus.Papers.Skip(from).Take(count).Select(p => Record(p))]);

    /// <summary>Each test query with its hits and their exact scores, as text that compares by value.</summary>
    private static List<string> Results(KeywordIndex index, string[]? queries = null) =>
        [.. (queries ?? _queries).Select(q => q + " => " + string.Join(", ",
            index.Search(SearchQueryParser.Parse(q), 10).Select(h => $"{h.Id} {h.Score:R}")))];

    /// <summary>Papers of 8 title words and <paramref name="abstractWords"/> abstract words drawn from word0, word1, ...</summary>
    private static List<PaperChange> SyntheticChanges(int papers, int vocabulary, int abstractWords, int seed)
    {
        var words = Enumerable.Range(0, vocabulary).Select(i => $"word{i}").ToArray();
        var random = new Random(seed);
        return [.. Enumerable.Range(1, papers).Select(n => new PaperChange(n, $"2502.{n:D5}", KeywordCorpus.Paper(
            $"2502.{n:D5}",
            string.Join(' ', Enumerable.Range(0, 8).Select(_ => words[random.Next(words.Length)])),
            string.Join(' ', Enumerable.Range(0, abstractWords).Select(_ => words[random.Next(words.Length)])),
            ["Ada Lovelace"],
            ["cs.LG"])))];
    }

    /// <summary>Writes 0xFF over the middle three fifths of <paramref name="file"/>, which an open index sees (it maps its files).</summary>
    private static void OverwriteMiddle(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.Position = stream.Length / 5;
        stream.Write(Enumerable.Repeat((byte)0xFF, (int)(stream.Length * 3 / 5)).ToArray());
    }

    private static string[] Ids(KeywordIndex index, string query) =>
        [.. index.Search(SearchQueryParser.Parse(query), 10).Select(h => h.Id)];

    [Fact]
    public void Following_indexes_what_the_store_holds()
    {
        MergePapers(0, 5);
        using var index = KeywordIndex.Open(IndexPath);

        var summary = new KeywordIndexFollower(_store, index).CatchUp(null, Cancel);

        Assert.Equal(5, summary.Applied);
        Assert.Equal(_store.Statistics().ChangeSequence, index.AppliedSequence);
        Assert.Equal(["2501.00001", "2501.00004"], Ids(index, "graph networks"));
        Assert.Equal(0, new KeywordIndexFollower(_store, index).CatchUp(null, Cancel).Applied);
    }

    [Fact]
    public void An_updated_paper_is_reindexed_and_a_deleted_one_disappears()
    {
        MergePapers(0, 5);
        using var index = KeywordIndex.Open(IndexPath);
        var follower = new KeywordIndexFollower(_store, index);
        follower.CatchUp(null, Cancel);

        var revised = KeywordCorpus.Papers[1] with { Title = "Small Models as Tools", Abstract = "Tiny models call tools." };
        _store.Merge([Record(revised, version: 2)]);
        _store.Delete("2501.00001");
        var summary = follower.CatchUp(null, Cancel);

        Assert.Equal(2, summary.Applied);
        Assert.Equal(["2501.00002"], Ids(index, "tools"));
        Assert.DoesNotContain("2501.00002", Ids(index, "\"language model\""));
        Assert.Empty(Ids(index, "graph"));
        Assert.Equal(4, index.Count);
    }

    [Fact]
    public void A_reopened_index_resumes_after_its_last_commit()
    {
        MergePapers(0, 3);
        long firstSequence;
        using (var index = KeywordIndex.Open(IndexPath))
        {
            new KeywordIndexFollower(_store, index).CatchUp(null, Cancel);
            firstSequence = index.AppliedSequence;
        }

        MergePapers(3, 2);
        using (var index = KeywordIndex.Open(IndexPath))
        {
            Assert.Equal(firstSequence, index.AppliedSequence);
            var summary = new KeywordIndexFollower(_store, index).CatchUp(null, Cancel);

            Assert.Equal(new KeywordFollowSummary(2, firstSequence, _store.Statistics().ChangeSequence), summary);
            Assert.Equal(5, index.Count);
        }
    }

    [Fact]
    public void Changes_applied_but_not_committed_are_discarded_on_close()
    {
        MergePapers(0, 2);
        using (var index = KeywordIndex.Open(IndexPath))
        {
            index.Apply(_store.ChangesSince(0, 10));
        }

        using var reopened = KeywordIndex.Open(IndexPath);
        Assert.Equal(0, reopened.AppliedSequence);
        Assert.Equal(0, reopened.Count);
    }

    [Fact]
    public void Progress_is_reported_after_every_batch()
    {
        MergePapers(0, 5);
        using var index = KeywordIndex.Open(IndexPath);
        var reports = new List<KeywordFollowProgress>();

        new KeywordIndexFollower(_store, index, batchSize: 2).CatchUp(new InlineProgress(reports.Add), Cancel);

        Assert.Equal([2L, 4L, 5L], reports.Select(r => r.Applied));
        Assert.All(reports, r => Assert.Equal(_store.Statistics().ChangeSequence, r.Latest));
        Assert.Equal(index.AppliedSequence, reports[^1].Sequence);
    }

    [Fact]
    public void A_rebuild_from_scratch_gives_the_same_hits_and_scores()
    {
        List<string> incremental;
        using (var index = KeywordIndex.Open(IndexPath))
        {
            var follower = new KeywordIndexFollower(_store, index, batchSize: 2);
            for (var i = 0; i < 5; i++)
            {
                MergePapers(i, 1);
                follower.CatchUp(null, Cancel);
            }

            incremental = Results(index);
        }

        Directory.Delete(IndexPath, recursive: true);
        using var rebuilt = KeywordIndex.Open(IndexPath);
        new KeywordIndexFollower(_store, rebuilt).CatchUp(null, Cancel);

        Assert.Equal(incremental, Results(rebuilt));
        Assert.Contains(incremental, r => r.Contains(", ", StringComparison.Ordinal));
    }

    [Fact]
    public void After_updates_and_deletes_a_compacted_index_scores_as_a_rebuilt_one()
    {
        MergePapers(0, 5);
        List<string> compacted;
        using (var index = KeywordIndex.Open(IndexPath))
        {
            var follower = new KeywordIndexFollower(_store, index);
            follower.CatchUp(null, Cancel);
            _store.Merge([Record(KeywordCorpus.Papers[2] with { Abstract = "Robots learn vision from graphs." }, version: 2)]);
            _store.Delete("2501.00005");
            follower.CatchUp(null, Cancel);
            index.Compact(Cancel);
            compacted = Results(index);
        }

        Directory.Delete(IndexPath, recursive: true);
        using var rebuilt = KeywordIndex.Open(IndexPath);
        new KeywordIndexFollower(_store, rebuilt).CatchUp(null, Cancel);

        Assert.Equal(compacted, Results(rebuilt));
    }

    [Fact]
    public void A_fragmented_index_is_merged_into_one_segment_that_answers_alike_and_a_compact_one_is_left_alone()
    {
        MergePapers(0, 5);
        using (var index = KeywordIndex.Open(IndexPath))
        {
            // One paper a batch: each commit writes a segment, as a server following imports in batches does.
            new KeywordIndexFollower(_store, index, batchSize: 1).CatchUp(null, Cancel);
            var before = Results(index);
            Assert.Equal(5, index.SegmentCount);

            Assert.Equal(5, index.CompactIfFragmented(Cancel));
            Assert.Equal(1, index.SegmentCount);
            Assert.Equal(before, Results(index));
            Assert.Null(index.CompactIfFragmented(Cancel));

            // A deleted paper is a fifth of the documents: the single segment is rewritten without it.
            _store.Delete("2501.00005");
            new KeywordIndexFollower(_store, index).CatchUp(null, Cancel);
            Assert.Equal(1, index.CompactIfFragmented(Cancel));
            Assert.Null(index.CompactIfFragmented(Cancel));
            index.Commit(index.AppliedSequence);
        }

        using var reopened = KeywordIndex.Open(IndexPath);
        Assert.Equal(1, reopened.SegmentCount);
        Assert.Equal(4, reopened.Count);
    }

    [Fact]
    public void A_compaction_cancelled_before_it_starts_merges_nothing()
    {
        MergePapers(0, 5);
        using var index = KeywordIndex.Open(IndexPath);
        new KeywordIndexFollower(_store, index, batchSize: 1).CatchUp(null, Cancel);
        var before = Results(index);

        Assert.Throws<OperationCanceledException>(() => index.CompactIfFragmented(new CancellationToken(true)));
        Assert.Equal(5, index.SegmentCount);
        Assert.Equal(before, Results(index));
        Assert.Equal(5, index.CompactIfFragmented(Cancel));
    }

    [Fact]
    public void A_stop_during_a_merge_abandons_it_and_the_reopened_index_is_the_committed_one()
    {
        // Three committed segments of 3,000 papers: merging them takes far longer than the wait before the stop.
        var changes = SyntheticChanges(9_000, 2_000, 150, seed: 5);
        List<string> committed;
        using (var index = KeywordIndex.Open(IndexPath))
        {
            foreach (var batch in changes.Chunk(3_000))
            {
                index.Apply(batch);
                index.Commit(batch[^1].Sequence);
            }

            committed = Results(index, _syntheticQueries);
            using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
            Assert.Throws<OperationCanceledException>(() => index.CompactIfFragmented(stop.Token));

            // Disposing, as a stopping server does, aborts the merge still running.
        }

        using var reopened = KeywordIndex.Open(IndexPath);
        Assert.Equal(9_000, reopened.AppliedSequence);
        Assert.Equal(9_000, reopened.Count);
        Assert.Equal(3, reopened.SegmentCount);
        Assert.Equal(committed, Results(reopened, _syntheticQueries));
        Assert.Equal(3, reopened.CompactIfFragmented(Cancel));
    }

    [Fact]
    public void A_cancelled_catch_up_applies_nothing()
    {
        MergePapers(0, 5);
        using var index = KeywordIndex.Open(IndexPath);

        Assert.Throws<OperationCanceledException>(() => new KeywordIndexFollower(_store, index).CatchUp(null, new CancellationToken(true)));
        Assert.Equal(0, index.AppliedSequence);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public async Task Searches_run_while_changes_are_applied()
    {
        using var index = KeywordIndex.Open(IndexPath);
        using var stop = new CancellationTokenSource();
        var searches = Task.Run(
            () =>
            {
                var count = 0;
                while (!stop.IsCancellationRequested)
                {
                    Assert.True(index.Search(SearchQueryParser.Parse("learning networks"), 10).Count <= 5);
                    count++;
                }

                return count;
            },
            Cancel);

        for (var round = 2; round < 40; round++)
        {
            _store.Merge([.. KeywordCorpus.Papers.Select(p => Record(p, version: round))]);
            new KeywordIndexFollower(_store, index).CatchUp(null, Cancel);
        }

        stop.Cancel();
        Assert.True(await searches > 0);
        Assert.Equal(["2501.00004", "2501.00005"], Ids(index, "learning").Order());
    }

    [Fact]
    public void An_index_open_elsewhere_is_refused_with_its_directory_named()
    {
        using var index = KeywordIndex.Open(IndexPath);

        var error = Assert.Throws<KeywordIndexException>(() => KeywordIndex.Open(IndexPath));

        Assert.Contains(Path.GetFullPath(IndexPath), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_only_index_searches_the_last_commit_beside_the_writer_and_refuses_changes()
    {
        MergePapers(0, 3);
        using var writer = KeywordIndex.Open(IndexPath);
        new KeywordIndexFollower(_store, writer).CatchUp(null, Cancel);
        var committed = Results(writer);
        MergePapers(3, 2);
        writer.Apply(_store.ChangesSince(writer.AppliedSequence, 100));

        var locked = Assert.Throws<KeywordIndexException>(() => KeywordIndex.Open(IndexPath));
        using var reader = KeywordIndex.OpenReadOnly(IndexPath);

        Assert.True(locked.IsLocked);
        Assert.True(reader.IsReadOnly);
        Assert.Equal(3, reader.Count);
        Assert.Equal(5, writer.Count);
        Assert.Equal(committed, Results(reader));
        Assert.Equal(3, reader.AppliedSequence);
        Assert.Throws<InvalidOperationException>(() => reader.Apply(Array.Empty<Paperboy.Store.PaperChange>()));
    }

    [Fact]
    public void Read_only_opening_before_any_commit_is_refused_with_its_directory_named()
    {
        var error = Assert.Throws<KeywordIndexException>(() => KeywordIndex.OpenReadOnly(IndexPath));

        Assert.False(error.IsLocked);
        Assert.Contains(Path.GetFullPath(IndexPath), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_emptied_starts_from_nothing_and_leaves_an_index_held_elsewhere_alone()
    {
        MergePapers(0, 5);
        using (var index = KeywordIndex.Open(IndexPath))
        {
            new KeywordIndexFollower(_store, index).CatchUp(null, Cancel);
            Assert.Throws<KeywordIndexException>(() => KeywordIndex.Open(IndexPath, empty: true));
            Assert.Equal(5, index.Count);
        }

        using var emptied = KeywordIndex.Open(IndexPath, empty: true);
        Assert.Equal((0, 0L), (emptied.Count, emptied.AppliedSequence));
    }

    [Fact]
    public void Each_committed_batch_is_handed_on_with_its_deletions()
    {
        MergePapers(0, 5);
        _store.Delete("2501.00002");
        var batches = new List<IReadOnlyList<Paperboy.Store.PaperChange>>();
        using var index = KeywordIndex.Open(IndexPath);

        new KeywordIndexFollower(_store, index, batchSize: 3, committed: batches.Add).CatchUp(null, Cancel);

        Assert.Equal([3, 2], batches.Select(b => b.Count));
        Assert.Equal(["2501.00002"], batches.SelectMany(b => b).Where(c => c.Paper is null).Select(c => c.Id));
        Assert.All(batches, b => Assert.True(b[^1].Sequence <= index.AppliedSequence));
    }

    [Fact]
    public void Postings_damaged_after_the_index_opened_fail_a_search_with_a_message_that_says_how_to_rebuild()
    {
        var changes = SyntheticChanges(2_000, 500, 100, seed: 11);
        using var index = KeywordIndex.Open(IndexPath);
        index.Apply(changes);
        index.Commit(changes.Count);
        index.Compact(Cancel);
        index.Commit(changes.Count);
        Assert.NotEmpty(Ids(index, "word1"));

        OverwriteMiddle(Directory.GetFiles(IndexPath, "*.doc").Single());

        var failure = Assert.Throws<KeywordIndexException>(() => Enumerable.Range(2, 498).Select(word => Ids(index, $"word{word}")).ToList());

        Assert.Contains("cannot be read", failure.Message, StringComparison.Ordinal);
        Assert.Contains("paperboy index --rebuild", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_found_damaged_while_open_is_reset_and_a_catch_up_rebuilds_it()
    {
        MergePapers(0, 5);
        using var index = KeywordIndex.Open(IndexPath);
        new KeywordIndexFollower(_store, index).CatchUp(null, Cancel);
        var expected = Results(index);
        OverwriteMiddle(Directory.GetFiles(IndexPath, "*.cfs").Single());

        var failure = Assert.Throws<KeywordIndexException>(() => Results(index));
        index.Reset();
        var emptied = (index.Count, index.AppliedSequence);
        new KeywordIndexFollower(_store, index).CatchUp(null, Cancel);

        Assert.True(failure.IsDamaged);
        Assert.Equal((0, 0L), emptied);
        Assert.Equal(expected, Results(index));
        using var reader = KeywordIndex.OpenReadOnly(IndexPath);
        Assert.Equal(expected, Results(reader));
    }

    [Theory]
    [InlineData("segments_")]
    [InlineData(".si")]
    [InlineData(".cfs")]
    [InlineData("garbage")]
    public void A_damaged_index_is_emptied_and_rebuilt_from_the_store_saying_why(string damaged)
    {
        MergePapers(0, 5);
        using (var index = KeywordIndex.Open(IndexPath))
        {
            new KeywordIndexFollower(_store, index).CatchUp(null, Cancel);
        }

        if (damaged == "garbage")
        {
            File.WriteAllBytes(Path.Combine(IndexPath, "segments_9"), [1, 2, 3, 4, 5, 6, 7, 8]);
            File.WriteAllBytes(Path.Combine(IndexPath, "segments.gen"), [9, 9, 9]);
        }
        else
        {
            var file = Directory.GetFiles(IndexPath).First(f => Path.GetFileName(f).Contains(damaged, StringComparison.Ordinal));
            using var stream = File.OpenWrite(file);
            stream.SetLength(stream.Length / 2);
        }

        using (var index = KeywordIndex.Open(IndexPath))
        {
            Assert.True(index.WasReset);
            Assert.NotNull(index.Damage);
            Assert.Equal(0, index.Count);
            new KeywordIndexFollower(_store, index).CatchUp(null, Cancel);
        }

        using var reopened = KeywordIndex.Open(IndexPath);
        Assert.Null(reopened.Damage);
        Assert.Equal(5, reopened.Count);
    }

    [Fact]
    public void An_index_of_another_format_is_emptied_and_rebuilt()
    {
        using (var directory = FSDirectory.Open(IndexPath))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48))))
        {
            writer.AddDocument(new Document { new StringField("id", "2501.00001", Field.Store.YES) });
            writer.SetCommitData(new Dictionary<string, string> { ["paperboy.applied-sequence"] = "99" });
            writer.Commit();
        }

        MergePapers(0, 5);
        using (var index = KeywordIndex.Open(IndexPath))
        {
            Assert.True(index.WasReset);
            Assert.Equal(0, index.AppliedSequence);
            Assert.Equal(0, index.Count);
            new KeywordIndexFollower(_store, index).CatchUp(null, Cancel);
        }

        using var reopened = KeywordIndex.Open(IndexPath);
        Assert.False(reopened.WasReset);
        Assert.Equal(5, reopened.Count);
    }

    /// <summary>Reports synchronously, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
    private sealed class InlineProgress(Action<KeywordFollowProgress> report) : IProgress<KeywordFollowProgress>
    {
        public void Report(KeywordFollowProgress value) => report(value);
    }
}
