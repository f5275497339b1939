using Paperboy.Papers;
using Paperboy.Web.Library;

namespace Paperboy.Web.Tests.Library;

public sealed class PaperRowCacheTests
{
    private readonly Dictionary<string, Paper> _store = new(StringComparer.Ordinal)
    {
        ["a"] = Paper("a", 1),
        ["b"] = Paper("b", 2),
        ["c"] = Paper("c", 3),
    };

    private readonly List<IReadOnlyList<string>> _reads = [];

    [Fact]
    public void Answers_in_the_order_asked_and_reads_only_what_it_does_not_hold()
    {
        using var cache = new PaperRowCache(100);

        var first = cache.FindAll(["b", "gone", "a"], Read);
        var second = cache.FindAll(["c", "a", "b"], Read);

        Assert.Equal(["b", "a"], first.Select(p => p.Id));
        Assert.Equal(["c", "a", "b"], second.Select(p => p.Id));
        Assert.Equal([["b", "gone", "a"], ["c"]], _reads);
    }

    [Fact]
    public void A_forgotten_paper_is_read_again_with_its_change()
    {
        using var cache = new PaperRowCache(100);
        cache.FindAll(["a", "b"], Read);

        _store["a"] = Paper("a", 10);
        _store.Remove("b");
        cache.Forget(["a", "b"]);

        Assert.Equal([("a", 10)], cache.FindAll(["a", "b"], Read).Select(p => (p.Id, p.Upvotes)));
        Assert.Equal(["a", "b"], _reads[^1]);
    }

    [Fact]
    public void Rows_read_while_a_change_was_applied_are_shown_but_not_kept()
    {
        using var cache = new PaperRowCache(100);

        // The read returns the row as it was; the change lands and is applied before the read ends.
        var shown = cache.FindAll(["a"], ids =>
        {
            var rows = Read(ids);
            _store["a"] = Paper("a", 10);
            cache.Forget(["a"]);
            return rows;
        });

        Assert.Equal(1, shown.Single().Upvotes);
        Assert.Equal(10, cache.FindAll(["a"], Read).Single().Upvotes);
    }

    private List<Paper> Read(IReadOnlyList<string> ids)
    {
        _reads.Add([.. ids]);
        return [.. ids.Where(_store.ContainsKey).Select(id => _store[id])];
    }

    private static Paper Paper(string id, int upvotes) => new()
    {
        Id = id,
        Title = $"Paper {id}",
        Upvotes = upvotes,
    };
}
