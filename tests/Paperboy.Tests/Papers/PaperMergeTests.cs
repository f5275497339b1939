using CsCheck;
using Paperboy.Papers;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Papers;

public sealed class PaperMergeTests
{
    private static readonly string[] _titles = ["Alpha", "Beta", "alpha!", "Gamma Rays"];
    private static readonly string?[] _abstracts = [null, "Short.", "A much longer abstract than the short one."];

    private static readonly Gen<PaperRecord> _anyRecord =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[-1, 50], Gen.Int[0, 2], Gen.Int[-1, 40], Gen.Bool, Gen.Int[0, 3], (title, version, upvotes, abstractText, day, withId, authors) => new PaperRecord
        {
            // No names, an empty list (as some sources write it), a name, or only a count.
            Authors = authors switch { 0 => null, 1 => [], 2 => ["Ada Lovelace"], _ => [] },
            AuthorCount = authors == 3 ? 3 : null,
            Source = "gen",
            Origin = "gen:1",
            ArxivId = withId ? "2401.00001" : null,
            Title = _titles[title],
            Version = version == 0 ? null : version,
            Upvotes = upvotes < 0 ? null : upvotes,
            Abstract = _abstracts[abstractText],
            Updated = day < 0 ? null : new DateOnly(2026, 1, 1).AddDays(day),
            Listed = day < 0 ? null : new DateOnly(2026, 1, 1).AddDays(day),
        });

    [Fact]
    public void Applying_a_record_twice_changes_nothing_the_second_time() =>
        Gen.Select(_anyRecord.Array[0, 6], _anyRecord).Sample((history, record) =>
        {
            var paper = history.Aggregate((Paper?)null, PaperMerge.Apply);
            var once = PaperMerge.Apply(paper, record);
            var twice = PaperMerge.Apply(once, record);
            Assert.False(PaperMerge.Differs(once, twice));
        });

    [Fact]
    public void Upvotes_only_grow() =>
        _anyRecord.Array[1, 6].Sample(records =>
        {
            Paper? paper = null;
            foreach (var record in records)
            {
                var before = paper?.Upvotes ?? 0;
                paper = PaperMerge.Apply(paper, record);
                Assert.True(paper.Upvotes >= before);
            }
        });

    [Fact]
    public void A_source_count_past_a_billion_upvotes_is_taken_as_a_billion_leaving_room_for_site_votes()
    {
        var record = new PaperRecord { Source = "hf", Origin = "hf:1", ArxivId = "2401.00001", Title = "Alpha", Upvotes = int.MaxValue };

        var created = PaperMerge.Apply(null, record);
        var voted = created with { Upvotes = created.Upvotes + 1, SiteUpvotes = 1 };
        var merged = PaperMerge.Apply(voted, record);

        Assert.Equal(PaperMerge.MaxSourceUpvotes, created.Upvotes);
        Assert.Equal(PaperMerge.MaxSourceUpvotes + 1, merged.Upvotes);
        Assert.False(PaperMerge.Differs(voted, merged));
    }

    [Fact]
    public void A_full_abstract_wins_over_a_cut_one_in_either_order()
    {
        var cut = Records.TitleOnly("Paper", abstractText: "We propose a method ...");
        var full = Records.TitleOnly("Paper", abstractText: "We propose a method that works well on every benchmark.");

        Assert.Equal(full.Abstract, PaperMerge.Apply(PaperMerge.Apply(null, cut), full).Abstract);
        Assert.Equal(full.Abstract, PaperMerge.Apply(PaperMerge.Apply(null, full), cut).Abstract);
    }

    [Fact]
    public void Provenance_names_the_source_of_each_field()
    {
        var fromArxiv = Records.Arxiv("2401.00001", version: 1);
        var fromHuggingFace = Records.TitleOnly("A study of things", upvotes: 5) with { Source = "hf-page" };

        var paper = PaperMerge.Apply(PaperMerge.Apply(null, fromArxiv), fromHuggingFace);

        Assert.Equal("test", paper.Sources["title"]);
        Assert.Equal("hf-page", paper.Sources["upvotes"]);
    }

    [Fact]
    public void The_display_abstract_joins_hard_line_breaks_but_keeps_paragraphs() =>
        Assert.Equal(
            "We present an efficient approach for leveraging the knowledge.\n\nA second paragraph.",
            AbstractText.ForDisplay("  We present an efficient approach\nfor leveraging the knowledge.\n  A second paragraph.\n"));
}
