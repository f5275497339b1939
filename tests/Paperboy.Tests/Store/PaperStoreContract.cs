using CsCheck;
using Paperboy.Papers;
using Paperboy.Store;
using static Paperboy.Tests.Support.Records;

namespace Paperboy.Tests.Store;

/// <summary>The behaviour every store provider must have; each provider's test class derives from this.</summary>
public abstract partial class PaperStoreContract : IDisposable
{
    private IPaperStore? _store;

    protected IPaperStore Store => _store ??= CreateStore();

    protected abstract IPaperStore CreateStore();

    public virtual void Dispose()
    {
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void New_papers_are_stored_and_found()
    {
        var summary = Store.Merge([Arxiv("2401.00001", "First"), Arxiv("2401.00002", "Second")]);

        Assert.Equal(new MergeSummary(2, 0, 0), summary);
        var paper = Store.Find("2401.00001")!;
        Assert.Equal("First", paper.Title);
        Assert.Equal(["Ada Lovelace", "Alan Turing"], paper.Authors);
        Assert.Equal(2, paper.AuthorCount);
        Assert.Equal("test", paper.Sources["title"]);
        Assert.Null(Store.Find("2401.99999"));
    }

    [Fact]
    public void Many_papers_are_found_at_once_in_the_order_asked_without_the_absent()
    {
        Store.Merge([.. Enumerable.Range(1, 1200).Select(i => Arxiv($"2401.{i:D5}", $"Paper {i}"))]);
        var asked = Enumerable.Range(1, 1300).Reverse().Select(i => $"2401.{i:D5}").Append("2401.00007").ToList();

        var found = Store.FindMany(asked);

        Assert.Equal([.. Enumerable.Range(1, 1200).Reverse().Select(i => $"2401.{i:D5}"), "2401.00007"], found.Select(p => p.Id));
        Assert.Equal("Paper 7", found[^1].Title);
        Assert.Empty(Store.FindMany([]));
    }

    [Fact]
    public void The_head_counts_papers_and_names_the_latest_change_as_statistics_do()
    {
        Assert.Equal(new StoreHead(0, 0), Store.Head());
        Store.Merge([Arxiv("2401.00001"), Arxiv("2401.00002")]);
        Store.Delete("2401.00001");

        var statistics = Store.Statistics();

        Assert.Equal(new StoreHead(1, statistics.ChangeSequence), Store.Head());
        Assert.Equal(1, statistics.Papers);
    }

    [Fact]
    public void Merging_the_same_records_again_changes_nothing()
    {
        var batch = new[] { Arxiv("2401.00001", upvotes: 3), TitleOnly("Only a title", upvotes: 2, authorCount: 4) };
        Store.Merge(batch);
        var sequence = Store.Statistics().ChangeSequence;

        Assert.Equal(new MergeSummary(0, 0, 2), Store.Merge(batch));
        Assert.Equal(sequence, Store.Statistics().ChangeSequence);
    }

    [Fact]
    public void A_newer_version_replaces_text_and_an_older_one_does_not()
    {
        Store.Merge([Arxiv("2401.00001", "Old title", version: 1)]);
        Store.Merge([Arxiv("2401.00001", "New title", version: 2)]);
        var summary = Store.Merge([Arxiv("2401.00001", "Old title", version: 1)]);

        Assert.Equal(new MergeSummary(0, 0, 1), summary);
        Assert.Equal("New title", Store.Find("2401.00001")!.Title);
        Assert.Equal(2, Store.Find("2401.00001")!.Version);
    }

    [Fact]
    public void Upvotes_are_never_lost()
    {
        Store.Merge([Arxiv("2401.00001", upvotes: 40)]);
        Store.Merge([Arxiv("2401.00001", version: 3, upvotes: 5)]);

        Assert.Equal(40, Store.Find("2401.00001")!.Upvotes);
    }

    [Fact]
    public void A_record_without_an_id_joins_the_paper_with_the_same_normalised_title()
    {
        Store.Merge([Arxiv("2401.00001", "Attention Is All You Need")]);
        var summary = Store.Merge([TitleOnly("attention is  all you need!", upvotes: 12, authorCount: 8)]);

        Assert.Equal(new MergeSummary(0, 1, 0), summary);
        Assert.Equal(1, Store.Statistics().Papers);
        Assert.Equal(12, Store.Find("2401.00001")!.Upvotes);
    }

    [Fact]
    public void A_paper_known_by_title_moves_to_its_arxiv_id_keeping_upvotes()
    {
        Store.Merge([TitleOnly("Deep Residual Learning", upvotes: 9)]);
        var titleId = Paperboy.Papers.TitleKey.PaperIdFor("Deep Residual Learning");
        Assert.NotNull(Store.Find(titleId));

        Store.Merge([Arxiv("1512.03385", "Deep Residual Learning")]);

        Assert.Null(Store.Find(titleId));
        Assert.Equal(9, Store.Find("1512.03385")!.Upvotes);
        Assert.Equal(1, Store.Statistics().Papers);
        var changes = Store.ChangesSince(0, 100);
        Assert.Contains(changes, c => c.Id == titleId && c.Paper is null);
        Assert.Contains(changes, c => c.Id == "1512.03385" && c.Paper is not null);
    }

    [Fact]
    public void The_change_feed_lists_each_write_once_in_order_and_resumes()
    {
        Store.Merge([Arxiv("2401.00001"), Arxiv("2401.00002")]);
        var first = Store.ChangesSince(0, 100);
        Store.Merge([Arxiv("2401.00001", "Renamed", version: 2)]);
        var next = Store.ChangesSince(first[^1].Sequence, 100);

        Assert.Equal(["2401.00001", "2401.00002"], first.Select(c => c.Id));
        Assert.Equal("2401.00001", Assert.Single(next).Id);
        Assert.Equal("Renamed", next[0].Paper!.Title);
        Assert.Equal(["2401.00002", "2401.00001"], Store.ChangesSince(0, 100).Select(c => c.Id));
        Assert.Single(Store.ChangesSince(0, 1));
    }

    [Fact]
    public void A_deleted_paper_is_gone_and_its_deletion_is_a_change()
    {
        Store.Merge([Arxiv("2401.00001"), Arxiv("2401.00002")]);

        Assert.True(Store.Delete("2401.00001"));
        Assert.False(Store.Delete("2401.00001"));

        Assert.Null(Store.Find("2401.00001"));
        var last = Store.ChangesSince(0, 100)[^1];
        Assert.Equal(("2401.00001", null), (last.Id, last.Paper));
        Store.Merge([Arxiv("2401.00001")]);
        Assert.DoesNotContain(Store.ChangesSince(0, 100), c => c.Paper is null);
    }

    [Fact]
    public void A_day_lists_most_upvoted_first()
    {
        var day = new DateOnly(2026, 11, 27);
        Store.Merge([Arxiv("2401.00001", upvotes: 1, listed: day), Arxiv("2401.00002", upvotes: 7, listed: day), Arxiv("2401.00003", upvotes: 99, listed: day.AddDays(-1))]);

        var listed = Store.List(new PaperQuery { ListedOn = day });

        Assert.Equal(["2401.00002", "2401.00001"], listed.Select(p => p.Id));
        Assert.Equal(["2401.00003", "2401.00002"], Store.List(new PaperQuery { Limit = 2 }).Select(p => p.Id));
    }

    [Fact]
    public void A_range_of_days_lists_the_papers_listed_within_it_both_ends_included()
    {
        var day = new DateOnly(2026, 11, 27);
        Store.Merge([
            Arxiv("2401.00001", listed: day.AddDays(-3)), Arxiv("2401.00002", upvotes: 5, listed: day.AddDays(-2)),
            Arxiv("2401.00003", upvotes: 9, listed: day), Arxiv("2401.00004", listed: day.AddDays(1))]);

        var listed = Store.List(new PaperQuery { ListedFrom = day.AddDays(-2), ListedTo = day });

        Assert.Equal(["2401.00003", "2401.00002"], listed.Select(p => p.Id));
        Assert.Equal(["2401.00004", "2401.00003"], Store.List(new PaperQuery { ListedFrom = day, Order = PaperOrder.Newest }).Select(p => p.Id));
        Assert.Equal(["2401.00001"], Store.List(new PaperQuery { ListedTo = day.AddDays(-3) }).Select(p => p.Id));
    }

    [Fact]
    public void Listing_days_count_the_papers_of_each_day_oldest_first()
    {
        var day = new DateOnly(2026, 11, 27);
        Store.Merge([Arxiv("2401.00001", listed: day), Arxiv("2401.00002", listed: day.AddDays(-7)), Arxiv("2401.00003", listed: day), TitleOnly("Never listed", abstractText: null)]);

        Assert.Equal([new ListingDay(day.AddDays(-7), 1), new ListingDay(day, 2)], Store.ListingDays());
    }

    [Fact]
    public void Statistics_count_papers_and_listing_days()
    {
        Store.Merge([Arxiv("2401.00001", listed: new DateOnly(2026, 1, 2), upvotes: 3), TitleOnly("No id", abstractText: null)]);

        var stats = Store.Statistics();

        Assert.Equal((2, 1, 1, 3), (stats.Papers, stats.WithArxivId, stats.WithAbstract, stats.Upvotes));
        Assert.Equal(new DateOnly(2026, 1, 2), stats.LastListed);
        Assert.Equal(2, stats.ChangeSequence);
    }

    [Fact]
    public void Export_streams_every_paper_in_id_order()
    {
        Store.Merge([Arxiv("2401.00002"), Arxiv("2401.00001")]);

        Assert.Equal(["2401.00001", "2401.00002"], Store.ExportAll().Select(p => p.Id));
    }

    [Fact]
    public void Importing_any_batch_a_second_time_reports_nothing_new_or_changed()
    {
        string[] ids = ["2401.00001", "2401.00002", "2401.00003"];
        string[] titles = ["Alpha", "alpha!", "Beta", "Gamma rays"];
        var record = Gen.Select(Gen.Int[-1, 2], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[-1, 9], Gen.Int[0, 5], (id, title, version, upvotes, day) => new PaperRecord
        {
            Source = "gen",
            Origin = "gen:1",
            ArxivId = id < 0 ? null : ids[id],
            Title = titles[title],
            Version = version == 0 ? null : version,
            Upvotes = upvotes < 0 ? null : upvotes,
            Abstract = new string('x', upvotes + 2),
            Updated = new DateOnly(2026, 1, 1).AddDays(day),
        });
        var attempt = 0;
        record.Array[1, 12].Sample(batch =>
        {
            // Each sample gets its own papers (unique ids and titles per attempt); samples run one at a time on one store.
            var tag = $"{++attempt:D4}";
            var tagged = batch.Select(r => r with { ArxivId = r.ArxivId is null ? null : r.ArxivId[..6] + tag, Title = r.Title + " " + tag }).ToArray();
            Store.Merge(tagged);
            var again = Store.Merge(tagged);
            Assert.Equal((0, 0), (again.New, again.Changed));
        }, iter: 100, threads: 1);
    }
}
