using Paperboy.Ingest.HuggingFace;
using Paperboy.Papers;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Ingest.HuggingFace;

/// <summary>Reads the four real search pages in shared/data/hf-search-pages, each layout as the site produced it.</summary>
public sealed class HfSearchPagesTests
{
    // The pages were saved in autumn 2025 (their own list days are Oct 23 - Nov 6 and the papers dated without a year
    // are 2025 arXiv papers), so that is the reference day for dates the site shows without a year.
    private static readonly DateOnly _savedOn = new(2025, 11, 30);

    private static Dictionary<string, List<PaperRecord>> ReadAll()
    {
        var folder = SharedData.Require("hf-search-pages");
        var reader = new HfPageTextReader(_savedOn);
        var byFile = new Dictionary<string, List<PaperRecord>>();
        foreach (var path in Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(path);
            var entries = reader.Read(stream, Path.GetFileName(path)).ToList();
            Assert.All(entries, e => Assert.Null(e.Error));
            byFile[Path.GetFileName(path)[..3]] = [.. entries.Select(e => e.Record!)];
        }

        return byFile;
    }

    [Fact]
    public void Every_entry_of_every_page_is_read_without_errors()
    {
        var byFile = ReadAll();

        Assert.Equal([47, 63, 71, 48], byFile.Values.Select(r => r.Count));
        var all = byFile.Values.SelectMany(r => r).ToList();
        Assert.All(all, r => Assert.True(r.Abstract!.Length > 1300, $"{r.Origin}: abstract of {r.Abstract.Length} characters"));
        Assert.All(all, r => Assert.InRange(r.Title.Length, 20, 140));
        Assert.All(all, r => Assert.Equal("hf-page", r.Source));
    }

    [Fact]
    public void The_pages_hold_183_distinct_papers_in_229_entries()
    {
        var all = ReadAll().Values.SelectMany(r => r).ToList();

        Assert.Equal(229, all.Count);
        Assert.Equal(183, all.Select(r => TitleKey.Normalise(r.Title)).Distinct().Count());
    }

    [Fact]
    public void Author_counts_and_dates_are_read_where_the_page_shows_them()
    {
        var byFile = ReadAll();

        // Page 000 has no meta lines at all; the others show them for every entry but one each.
        Assert.All(byFile["000"], r => Assert.True(r.AuthorCount is null && r.Listed is null && r.Upvotes is null));
        Assert.Equal(62, byFile["001"].Count(r => r.AuthorCount is not null && r.Listed is not null));
        Assert.Equal(71, byFile["002"].Count(r => r.AuthorCount is not null && r.Listed is not null));
        Assert.Equal(47, byFile["003"].Count(r => r.AuthorCount is not null && r.Listed is not null));
        Assert.Equal(9, byFile["001"].Count(r => r.Upvotes is not null));
        Assert.Equal(7, byFile["002"].Count(r => r.Upvotes is not null));
        Assert.Equal(3, byFile["003"].Count(r => r.Upvotes is not null));
    }

    [Theory]
    [InlineData("001", 13, "Minute-Long Videos with Dual Parallelisms", 5, "2025-05-27", 2)]
    [InlineData("001", 37, "Dissecting the Effects of SGD Noise in Distinct Regimes of Deep Learning", 3, "2023-01-31", null)]
    [InlineData("001", 217, "NegVSR: Augmenting Negatives for Generalized Noise Modeling in Real-World Video Super-Resolution", 6, "2023-05-23", 1)]
    [InlineData("001", 109, "Rolling Forcing: Autoregressive Long Video Diffusion in Real Time", null, null, null)]
    [InlineData("002", 13, "Semantic Concentration for Self-Supervised Dense Representations Learning", 5, "2025-09-11", null)]
    [InlineData("002", 21, "OptiPrune: Boosting Prompt-Image Consistency with Attention-Guided Noise and Dynamic Token Selection", 1, "2025-07-01", null)]
    [InlineData("003", 337, "YuE: Scaling Open Foundation Models for Long-Form Music Generation", 57, "2025-03-11", 3)]
    [InlineData("003", 69, "Dale meets Langevin: A Multiplicative Denoising Diffusion Model", null, null, null)]
    public void Entries_carry_what_their_page_shows(string file, int titleLine, string title, int? authors, string? listed, int? upvotes)
    {
        var record = ReadAll()[file].Single(r => r.Origin.EndsWith($":{titleLine}", StringComparison.Ordinal));

        Assert.Equal(title, record.Title);
        Assert.Equal(authors, record.AuthorCount);
        Assert.Equal(listed is null ? null : DateOnly.Parse(listed), record.Listed);
        Assert.Equal(upvotes, record.Upvotes);
    }

    [Fact]
    public void A_paper_on_several_pages_has_the_same_title_abstract_and_meta_on_each()
    {
        var all = ReadAll().Values.SelectMany(r => r);

        foreach (var copies in all.GroupBy(r => TitleKey.Normalise(r.Title)).Where(g => g.Count() > 1))
        {
            Assert.Single(copies.Select(r => r.Abstract).Distinct());
            Assert.Single(copies.Where(r => r.AuthorCount is not null).Select(r => (r.AuthorCount, r.Listed)).Distinct().DefaultIfEmpty());
        }
    }
}
