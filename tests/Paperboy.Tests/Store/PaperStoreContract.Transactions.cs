using Paperboy.Store;
using static Paperboy.Tests.Support.Records;

namespace Paperboy.Tests.Store;

/// <summary>Merges that take several batches into one transaction.</summary>
public abstract partial class PaperStoreContract
{
    [Fact]
    public void Batches_of_one_merge_see_each_other_and_are_stored_at_commit()
    {
        using (var merge = Store.BeginMerge())
        {
            Assert.Equal(new MergeSummary(1, 0, 0), merge.Merge([TitleOnly("Attention is all you need", upvotes: 7)]));
            var adopted = merge.Merge([Arxiv("1706.03762", "Attention Is All You Need"), Arxiv("2401.00001", upvotes: 2)]);
            var again = merge.Merge([Arxiv("2401.00001", upvotes: 2)]);
            merge.Commit();

            Assert.Equal(new MergeSummary(1, 1, 0), adopted);
            Assert.Equal(new MergeSummary(0, 0, 1), again);
        }

        Assert.Equal(2, Store.Statistics().Papers);
        Assert.Equal(7, Store.Find("1706.03762")!.Upvotes);
        Assert.Equal(4, Store.Statistics().ChangeSequence);
    }

    [Fact]
    public void A_merge_disposed_before_commit_stores_nothing_of_its_open_transaction()
    {
        using (var merge = Store.BeginMerge())
        {
            merge.Merge([Arxiv("2401.00001")]);
            merge.Commit();
            merge.Merge([Arxiv("2401.00002"), Arxiv("2401.00001", "A new title", version: 2)]);
        }

        Assert.Equal(["2401.00001"], Store.ExportAll().Select(p => p.Id));
        Assert.Equal("A study of things", Store.Find("2401.00001")!.Title);
        Assert.Equal(1, Store.Statistics().ChangeSequence);
        Assert.Equal(new MergeSummary(1, 0, 0), Store.Merge([Arxiv("2401.00002")]));
    }
}
