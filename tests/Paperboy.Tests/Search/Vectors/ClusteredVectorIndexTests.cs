using Paperboy.Search.Embeddings;
using Paperboy.Search.Vectors;
using Paperboy.Store;
using Paperboy.Store.Sqlite;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Search.Vectors;

/// <summary>The index once large: int8 codes in clusters, exact rescoring, floats in memory or in a file.</summary>
public sealed class ClusteredVectorIndexTests
{
    private const int Dimension = 32;
    private const int Papers = 3_000;
    private static readonly EmbeddingModel _model = new("synthetic", "1", Dimension);

    /// <summary>Small enough to cluster 3,000 papers into 30 clusters, probing 6 of them; floats stay in memory unless a test says.</summary>
    private static readonly VectorIndexOptions _clustered = new()
    {
        ClusterThreshold = 1_000,
        ClusterSize = 100,
        Probes = 6,
        ExtraCandidates = 50,
        KeepVectorsInMemory = true,
    };

    /// <summary>Unit vectors around 60 random topics, like papers around fields; the same seed gives the same vectors.</summary>
    private static List<(string Id, float[] Vector)> Corpus(int seed = 5, int papers = Papers)
    {
        var random = new Random(seed);
        var topics = Enumerable.Range(0, 60).Select(_ => RandomUnit(random, 1f)).ToList();
        return Enumerable.Range(0, papers).Select(i =>
        {
            var vector = RandomUnit(random, 0.35f);
            var topic = topics[random.Next(topics.Count)];
            for (var d = 0; d < Dimension; d++)
            {
                vector[d] += topic[d];
            }

            VectorMath.Normalize(vector);
            return ($"p{i:D5}", vector);
        }).ToList();
    }

    private static float[] RandomUnit(Random random, float scale)
    {
        var vector = Enumerable.Range(0, Dimension).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        VectorMath.Normalize(vector);
        return vector.Select(x => x * scale).ToArray();
    }

    private static VectorIndex Build(VectorIndexOptions options, List<(string Id, float[] Vector)> corpus)
    {
        var index = new VectorIndex(_model, options);
        index.UpsertRange(corpus);
        return index;
    }

    private static List<float[]> Queries(List<(string Id, float[] Vector)> corpus) =>
        Enumerable.Range(0, 100).Select(i =>
        {
            var vector = corpus[i * 29].Vector.Select((x, d) => x + (((i + d) % 7) - 3) * 0.03f).ToArray();
            VectorMath.Normalize(vector);
            return vector;
        }).ToList();

    private static double RecallAt10(VectorIndex approximate, VectorIndex exact, List<float[]> queries) =>
        queries.Average(q => approximate.Search(q, 10).Select(h => h.Id).Intersect(exact.Search(q, 10).Select(h => h.Id)).Count() / 10.0);

    [Fact]
    public void Clustered_search_finds_at_least_nineteen_in_twenty_of_the_exact_top_ten()
    {
        var corpus = Corpus();
        using var exact = Build(new VectorIndexOptions(), corpus);
        using var clustered = Build(_clustered, corpus);

        Assert.Equal("exact float scan", exact.Layout);
        Assert.StartsWith("int8 in 30 clusters", clustered.Layout, StringComparison.Ordinal);
        Assert.InRange(RecallAt10(clustered, exact, Queries(corpus)), 0.95, 1.0);
    }

    [Fact]
    public void Probing_every_cluster_with_enough_candidates_is_exact_and_scores_are_exact_cosines()
    {
        var corpus = Corpus();
        using var exact = Build(new VectorIndexOptions(), corpus);
        using var clustered = Build(_clustered with { Probes = 1_000, ExtraCandidates = Papers }, corpus);

        foreach (var query in Queries(corpus).Take(20))
        {
            Assert.Equal(exact.Search(query, 10), clustered.Search(query, 10));
        }
    }

    [Fact]
    public void A_scan_kept_on_one_core_finds_what_a_scan_spread_over_several_finds()
    {
        // Past 16,384 rows a scan is split between the cores unless the caller says not to.
        var corpus = Corpus(papers: 20_000);
        using var exact = Build(new VectorIndexOptions(), corpus);
        using var clustered = Build(_clustered with { ClusterSize = 500, Probes = 40 }, corpus);

        foreach (var index in new[] { exact, clustered })
        {
            foreach (var query in Queries(corpus).Take(20))
            {
                Assert.Equal(index.Search(query, 50), index.Search(query, 50, parallel: false));
            }
        }
    }

    [Fact]
    public void Vectors_in_a_file_search_alike_and_the_file_goes_with_the_index()
    {
        using var directory = new TempDirectory();
        var corpus = Corpus();
        using var inMemory = Build(_clustered, corpus);
        var inFile = Build(_clustered with { VectorFolder = directory.Path, KeepVectorsInMemory = false }, corpus);

        Assert.Single(Directory.GetFiles(directory.Path));
        foreach (var query in Queries(corpus).Take(20))
        {
            Assert.Equal(inMemory.Search(query, 10), inFile.Search(query, 10));
        }

        inFile.Dispose();
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Vectors_in_a_file_stay_exact_as_the_file_grows_past_its_first_mapping_and_rows_are_replaced()
    {
        using var directory = new TempDirectory();
        var corpus = Corpus();
        using var inMemory = Build(_clustered, corpus);
        using var inFile = Build(_clustered with { VectorFolder = directory.Path, KeepVectorsInMemory = false }, corpus);

        // 3,000 more papers take the file past the 4,096 rows it maps first; then 100 papers get new vectors in place.
        var more = Corpus(seed: 6).Select(p => ("q" + p.Id[1..], p.Vector)).ToList();
        var replaced = Corpus(seed: 7).Take(100).Select((p, i) => (corpus[i * 30].Id, p.Vector)).ToList();
        foreach (var index in new[] { inMemory, inFile })
        {
            foreach (var paper in more.Concat(replaced))
            {
                index.Upsert(paper.Item1, paper.Vector);
            }
        }

        Assert.Equal(6_000, inFile.Count);
        foreach (var query in Queries(more).Take(20).Concat(replaced.Take(20).Select(p => p.Vector)))
        {
            Assert.Equal(inMemory.Search(query, 10), inFile.Search(query, 10));
            Assert.Equal(inMemory.Related(more[7].Item1, 5), inFile.Related(more[7].Item1, 5));
        }
    }

    [Fact]
    public void Scratch_files_of_dead_processes_are_removed_and_live_ones_kept()
    {
        using var directory = new TempDirectory();
        var orphan = Path.Combine(directory.Path, "vectors-all-minilm-l6-v2-999999999-0123456789abcdef0123456789abcdef.f32");
        var live = Path.Combine(directory.Path, $"vectors-all-minilm-l6-v2-{Environment.ProcessId}-0123456789abcdef0123456789abcdef.f32");
        var unrelated = Path.Combine(directory.Path, "notes.txt");
        File.WriteAllText(orphan, "");
        File.WriteAllText(live, "");
        File.WriteAllText(unrelated, "");

        using var index = Build(_clustered with { VectorFolder = directory.Path, KeepVectorsInMemory = false }, Corpus());

        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(unrelated));
        Assert.Equal(3, Directory.GetFiles(directory.Path).Length);
    }

    [Fact]
    public void One_cluster_ranks_every_code_and_rescores_exactly()
    {
        var corpus = Corpus();
        using var exact = Build(new VectorIndexOptions(), corpus);
        using var flat = Build(_clustered with { ClusterSize = int.MaxValue }, corpus);

        Assert.Equal("int8 scan of every code, exact rescoring", flat.Layout);
        Assert.InRange(RecallAt10(flat, exact, Queries(corpus)), 0.99, 1.0);
    }

    [Fact]
    public void The_same_vectors_in_the_same_order_give_the_same_results()
    {
        using var first = Build(_clustered, Corpus());
        using var second = Build(_clustered, Corpus());

        foreach (var query in Queries(Corpus()))
        {
            Assert.Equal(first.Search(query, 25), second.Search(query, 25));
        }
    }

    [Fact]
    public void The_same_vectors_in_another_order_give_the_same_results()
    {
        // One cluster probed: the results show the clusters themselves, which come from the training sample.
        var corpus = Corpus();
        var onePerQuery = _clustered with { Probes = 1, ExtraCandidates = 0 };
        using var inOrder = Build(onePerQuery, corpus);
        using var shuffled = Build(onePerQuery, corpus.OrderBy(p => p.Vector[3]).ToList());

        foreach (var query in Queries(corpus))
        {
            Assert.Equal(inOrder.Search(query, 25), shuffled.Search(query, 25));
        }
    }

    [Fact]
    public void Removed_papers_are_never_found_and_replaced_vectors_are_found_where_they_moved()
    {
        var corpus = Corpus();
        using var index = Build(_clustered, corpus);
        var (target, vector) = corpus[100];
        var (other, otherVector) = corpus[2_000];

        Assert.True(index.Remove(target));
        index.Upsert(other, vector);

        Assert.DoesNotContain(index.Search(vector, 50), h => h.Id == target);
        Assert.Equal(other, index.Search(vector, 1)[0].Id);
        Assert.Equal(1f, index.Search(vector, 1)[0].Score, 5);
        Assert.DoesNotContain(index.Search(otherVector, 5), h => h.Id == other && h.Score > 0.9999f);
        Assert.Equal(Papers - 1, index.Count);
    }

    [Fact]
    public void Related_papers_exclude_the_paper_itself_and_are_near_it()
    {
        var corpus = Corpus();
        using var index = Build(_clustered, corpus);
        var (id, vector) = corpus[42];

        var related = index.Related(id, 10);

        Assert.Equal(10, related.Count);
        Assert.DoesNotContain(related, h => h.Id == id);
        Assert.All(related, h => Assert.Equal(VectorMath.Cosine(vector, corpus.Single(c => c.Id == h.Id).Vector), h.Score, 5));
    }

    [Fact]
    public void An_index_growing_one_paper_at_a_time_clusters_once_past_the_threshold()
    {
        var corpus = Corpus();
        using var index = new VectorIndex(_model, _clustered);
        foreach (var (id, vector) in corpus.Take(999))
        {
            index.Upsert(id, vector);
        }

        Assert.Equal("exact float scan", index.Layout);
        index.Upsert(corpus[999].Id, corpus[999].Vector);

        Assert.StartsWith("int8 in 10 clusters", index.Layout, StringComparison.Ordinal);
        Assert.Equal(corpus[500].Id, index.Search(corpus[500].Vector, 1)[0].Id);
    }

    [Fact]
    public async Task Searches_go_on_with_the_old_layout_while_the_index_trains()
    {
        var corpus = Corpus();
        using var index = new VectorIndex(_model, _clustered);
        using var trainingStarted = new ManualResetEventSlim();
        using var searched = new ManualResetEventSlim();
        index.TrainingStarted = () =>
        {
            trainingStarted.Set();
            searched.Wait(TimeSpan.FromMinutes(1));
        };

        // Loading them all crosses the threshold: the index trains once at the end, and here holds still while it does.
        var loading = Task.Run(() => index.UpsertRange(corpus), TestContext.Current.CancellationToken);
        Assert.True(trainingStarted.Wait(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken), "the index did not start training");
        var search = Task.Run(() => index.Search(corpus[500].Vector, 1), TestContext.Current.CancellationToken);
        var answered = await Task.WhenAny(search, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)) == search;
        var layoutMeanwhile = answered ? index.Layout : "(not asked: the search waited)";
        searched.Set();
        await loading;

        Assert.True(answered, "a search waited 30 s for the training");
        Assert.Equal(corpus[500].Id, (await search)[0].Id);
        Assert.Equal("exact float scan", layoutMeanwhile);
        Assert.StartsWith("int8 in 30 clusters", index.Layout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catch_up_cancelled_while_training_keeps_its_vectors_and_the_old_layout_and_the_next_catch_up_trains()
    {
        var corpus = Corpus().Select((paper, i) => (Id: $"2401.{i:D5}", paper.Vector)).ToList();
        using var directory = new TempDirectory();
        using var store = SqlitePaperStore.Open(directory.Path);
        store.Merge([.. corpus.Select(paper => Records.Arxiv(paper.Id, title: $"Paper {paper.Id}"))]);
        store.SaveEmbeddings(_model, [.. corpus.Select(paper => new PaperEmbedding(paper.Id, 1, "h", paper.Vector))]);
        using var index = new VectorIndex(_model, _clustered);
        using var stop = new CancellationTokenSource();

        // A server stopping while the index trains (half a minute at a million papers) does not wait for the training.
        index.TrainingStarted = stop.Cancel;
        Assert.Throws<OperationCanceledException>(() => index.CatchUp(store, stop.Token));
        Assert.Equal(Papers, index.Count);
        Assert.Equal("exact float scan", index.Layout);
        Assert.Equal(corpus[500].Id, index.Search(corpus[500].Vector, 1)[0].Id);

        index.TrainingStarted = null;
        Assert.Equal(0, index.CatchUp(store, TestContext.Current.CancellationToken));
        Assert.StartsWith("int8 in 30 clusters", index.Layout, StringComparison.Ordinal);
        Assert.Equal(corpus[500].Id, index.Search(corpus[500].Vector, 1)[0].Id);
    }

    [Theory]
    [InlineData(50_000, null, 781)]
    [InlineData(74_728, null, 1_000)]
    [InlineData(1_000_000, null, 1_000)]
    [InlineData(4_000_000, null, 2_000)]
    [InlineData(3_000, 100, 30)]
    [InlineData(50, 100, 1)]
    public void The_default_cluster_count_is_a_thousand_clusters_of_at_least_64_papers_and_never_below_the_square_root(int papers, int? clusterSize, int clusters) =>
        Assert.Equal(clusters, VectorIndex.ClusterCount(papers, clusterSize));

    [Fact]
    public void Search_settings_outside_their_range_are_refused_by_name()
    {
        using var index = new VectorIndex(_model);

        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => index.Probes = 0).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => index.ExtraCandidates = -1).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new VectorIndex(_model, new VectorIndexOptions { ClusterSize = 0 })).ParamName);
    }
}
