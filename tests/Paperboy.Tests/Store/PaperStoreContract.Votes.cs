using Paperboy.Export;
using Paperboy.Ingest;
using Paperboy.Papers;
using Paperboy.Store;
using Paperboy.Votes;
using static Paperboy.Tests.Support.Records;

namespace Paperboy.Tests.Store;

/// <summary>The contract for site votes: one per user per paper, added to the source's upvotes, each change a change of the paper.</summary>
public abstract partial class PaperStoreContract
{
    protected IVoteStore Votes => (IVoteStore)Store;

    [Fact]
    public void A_vote_adds_to_the_sources_upvotes_once_and_can_be_taken_back()
    {
        Store.Merge([Arxiv("2401.00001", upvotes: 5)]);
        var ada = AddUser("ada");

        Assert.Equal(new VoteOutcome(true, true, true, 6), Votes.Upvote(ada.Id, "2401.00001", _now));
        Assert.Equal(new VoteOutcome(true, false, true, 6), Votes.Upvote(ada.Id, "2401.00001", _now));
        var paper = Store.Find("2401.00001")!;
        Assert.Equal((6, 1, 5), (paper.Upvotes, paper.SiteUpvotes, paper.SourceUpvotes));

        Assert.Equal(new VoteOutcome(true, true, false, 5), Votes.RemoveUpvote(ada.Id, "2401.00001"));
        Assert.Equal(new VoteOutcome(true, false, false, 5), Votes.RemoveUpvote(ada.Id, "2401.00001"));
        Assert.Equal((5, 0), (Store.Find("2401.00001")!.Upvotes, Store.Find("2401.00001")!.SiteUpvotes));
    }

    [Fact]
    public void Each_vote_change_is_a_change_of_the_paper_in_the_feed()
    {
        Store.Merge([Arxiv("2401.00001"), Arxiv("2401.00002")]);
        var ada = AddUser("ada");
        var before = Store.Statistics().ChangeSequence;

        Votes.Upvote(ada.Id, "2401.00001", _now);
        var afterVote = Store.ChangesSince(before, 10);
        Votes.Upvote(ada.Id, "2401.00001", _now);
        Votes.RemoveUpvote(ada.Id, "2401.00002");

        var change = Assert.Single(afterVote);
        Assert.Equal(("2401.00001", 1), (change.Id, change.Paper!.Upvotes));
        Assert.Equal(before + 1, Store.Statistics().ChangeSequence);
        Votes.RemoveUpvote(ada.Id, "2401.00001");
        Assert.Equal(0, Assert.Single(Store.ChangesSince(before + 1, 10)).Paper!.Upvotes);
    }

    [Fact]
    public void Reimports_raise_the_sources_count_and_keep_site_votes()
    {
        Store.Merge([Arxiv("2401.00001", upvotes: 5)]);
        var ada = AddUser("ada");
        Votes.Upvote(ada.Id, "2401.00001", _now);

        Store.Merge([Arxiv("2401.00001", upvotes: 7)]);
        Assert.Equal(8, Store.Find("2401.00001")!.Upvotes);
        Assert.Equal(MergeSummary.Empty with { Unchanged = 1 }, Store.Merge([Arxiv("2401.00001", upvotes: 3)]));
        Assert.Equal(MergeSummary.Empty with { Unchanged = 1 }, Store.Merge([Arxiv("2401.00001", upvotes: 7)]));

        Assert.Equal((8, 1), (Store.Find("2401.00001")!.Upvotes, Store.Find("2401.00001")!.SiteUpvotes));
        Assert.Equal(new VoteOutcome(true, true, false, 7), Votes.RemoveUpvote(ada.Id, "2401.00001"));
    }

    [Fact]
    public void Reimporting_an_export_does_not_count_site_votes_twice()
    {
        Store.Merge([Arxiv("2401.00001", upvotes: 5)]);
        var ada = AddUser("ada");
        Votes.Upvote(ada.Id, "2401.00001", _now);
        using var export = new StringWriter();
        PaperJsonLines.Write(export, Store.Find("2401.00001")!);

        using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(export.ToString()));
        var record = Assert.Single(new PaperboyJsonLinesReader().Read(input, "export.jsonl")).Record!;
        Store.Merge([record]);

        Assert.Contains("\"site_upvotes\":1", export.ToString());
        Assert.Equal((6, 1), (Store.Find("2401.00001")!.Upvotes, Store.Find("2401.00001")!.SiteUpvotes));
    }

    [Fact]
    public void Voting_for_a_missing_paper_writes_nothing_and_an_unknown_user_is_refused()
    {
        Store.Merge([Arxiv("2401.00001")]);
        var ada = AddUser("ada");
        var sequence = Store.Statistics().ChangeSequence;

        Assert.Equal(VoteOutcome.NoPaper, Votes.Upvote(ada.Id, "2401.99999", _now));
        Assert.Equal(VoteOutcome.NoPaper, Votes.RemoveUpvote(ada.Id, "2401.99999"));
        var failure = Assert.Throws<ArgumentException>(() => Votes.Upvote(ada.Id + 100, "2401.00001", _now));

        Assert.Contains($"no user has id {ada.Id + 100}", failure.Message);
        Assert.Equal(sequence, Store.Statistics().ChangeSequence);
        Assert.Empty(Votes.UpvotedBy(ada.Id, 10));
    }

    [Fact]
    public void A_users_votes_are_listed_for_a_page_of_papers_and_newest_first()
    {
        Store.Merge([Arxiv("2401.00001"), Arxiv("2401.00002"), Arxiv("2401.00003")]);
        var ada = AddUser("ada");
        var alan = AddUser("alan");
        Votes.Upvote(ada.Id, "2401.00003", _now);
        Votes.Upvote(ada.Id, "2401.00001", _now.AddMinutes(1));
        Votes.Upvote(alan.Id, "2401.00002", _now);

        Assert.Equal(["2401.00001", "2401.00003"], Votes.UpvotedAmong(ada.Id, ["2401.00001", "2401.00002", "2401.00003", "2401.99999"]).Order());
        Assert.Empty(Votes.UpvotedAmong(ada.Id, []));
        Assert.Equal(["2401.00001", "2401.00003"], Votes.UpvotedBy(ada.Id, 10));
        Assert.Equal(["2401.00001"], Votes.UpvotedBy(ada.Id, 1));
    }

    [Fact]
    public void Site_votes_count_in_the_daily_order()
    {
        var day = new DateOnly(2026, 11, 27);
        Store.Merge([Arxiv("2401.00001", upvotes: 1, listed: day), Arxiv("2401.00002", upvotes: 2, listed: day)]);
        Votes.Upvote(AddUser("ada").Id, "2401.00001", _now);
        Votes.Upvote(AddUser("alan").Id, "2401.00001", _now);

        Assert.Equal(["2401.00001", "2401.00002"], Store.List(new PaperQuery { ListedOn = day }).Select(p => p.Id));
        Assert.Equal(5, Store.Statistics().Upvotes);
    }

    [Fact]
    public void Votes_follow_a_paper_to_its_arxiv_id_and_go_with_a_deleted_paper()
    {
        Store.Merge([TitleOnly("Deep Residual Learning", upvotes: 9)]);
        var ada = AddUser("ada");
        Votes.Upvote(ada.Id, TitleKey.PaperIdFor("Deep Residual Learning"), _now);

        Store.Merge([Arxiv("1512.03385", "Deep Residual Learning")]);
        Assert.Equal((10, 1), (Store.Find("1512.03385")!.Upvotes, Store.Find("1512.03385")!.SiteUpvotes));
        Assert.Equal(["1512.03385"], Votes.UpvotedBy(ada.Id, 10));
        Assert.Equal(9, Votes.RemoveUpvote(ada.Id, "1512.03385").Upvotes);
        Votes.Upvote(ada.Id, "1512.03385", _now);

        Store.Delete("1512.03385");
        Store.Merge([Arxiv("1512.03385", "Deep Residual Learning")]);

        Assert.Equal(0, Store.Find("1512.03385")!.SiteUpvotes);
        Assert.Empty(Votes.UpvotedBy(ada.Id, 10));
        Assert.Equal(new VoteOutcome(true, true, true, 1), Votes.Upvote(ada.Id, "1512.03385", _now));
    }

    [Fact]
    public void Votes_cast_at_once_are_all_counted()
    {
        Store.Merge([Arxiv("2401.00001")]);
        var users = Enumerable.Range(1, 16).Select(i => AddUser($"user{i}")).ToList();

        Parallel.ForEach(users, new ParallelOptions { MaxDegreeOfParallelism = 4 }, user =>
        {
            Votes.Upvote(user.Id, "2401.00001", _now);
            Votes.Upvote(user.Id, "2401.00001", _now);
        });
        Parallel.ForEach(users.Take(6), new ParallelOptions { MaxDegreeOfParallelism = 4 }, user => Votes.RemoveUpvote(user.Id, "2401.00001"));

        var paper = Store.Find("2401.00001")!;
        Assert.Equal((10, 10), (paper.Upvotes, paper.SiteUpvotes));
        // One change for the merge, one for each of the 16 votes and 6 take-backs, none for the repeated votes.
        Assert.Equal(1 + 16 + 6, Store.Statistics().ChangeSequence);
    }
}
