using System.Text;
using CsCheck;
using Paperboy.Ingest;
using Paperboy.Ingest.HuggingFace;

namespace Paperboy.Tests.Ingest.HuggingFace;

public sealed class HfPageTextReaderTests
{
    private static readonly DateOnly _referenceDay = new(2025, 11, 30);

    private static readonly string _abstract = string.Join(' ', Enumerable.Repeat("We study how noise shapes what deep networks learn.", 6));

    private static List<SourceEntry> Read(string text, DateOnly? referenceDay = null) =>
        [.. new HfPageTextReader(referenceDay ?? _referenceDay).Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "p.txt")];

    [Theory]
    [InlineData(9, 11, "2025-11-30", "2025-09-11")]
    [InlineData(11, 30, "2025-11-30", "2025-11-30")]
    [InlineData(12, 1, "2025-11-30", "2024-12-01")]
    [InlineData(2, 29, "2025-11-30", "2024-02-29")]
    [InlineData(2, 29, "2023-01-10", "2020-02-29")]
    public void A_date_without_a_year_is_the_latest_such_day_not_after_the_reference(int month, int day, string reference, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), HfPageLines.ResolveDay(month, day, null, DateOnly.Parse(reference)));

    [Fact]
    public void Impossible_dates_are_not_dates() =>
        Assert.Equal(HfLineKind.Short, HfPageLines.Classify("Feb 30, 2024", 1, _referenceDay).Kind);

    [Theory]
    [InlineData("Sep 11", 2025, 9, 11, null)]
    [InlineData("May 4, 2024", 2024, 5, 4, null)]
    [InlineData("May 27 2", 2025, 5, 27, 2)]
    [InlineData("May 23, 2023 1", 2023, 5, 23, 1)]
    [InlineData("September 3, 2021 140", 2021, 9, 3, 140)]
    public void Date_lines_give_the_day_and_upvotes(string line, int year, int month, int day, int? upvotes)
    {
        var classified = HfPageLines.Classify(line, 1, _referenceDay);

        Assert.Equal(HfLineKind.Date, classified.Kind);
        Assert.Equal(new DateOnly(year, month, day), classified.Day);
        Assert.Equal(upvotes, classified.Upvotes);
    }

    [Theory]
    [InlineData("  • 5 authors", 5)]
    [InlineData("• 1 author", 1)]
    [InlineData("57 authors", 57)]
    public void Author_lines_give_the_count(string line, int count)
    {
        var classified = HfPageLines.Classify(line, 1, _referenceDay);

        Assert.Equal(HfLineKind.Authors, classified.Kind);
        Assert.Equal(count, classified.AuthorCount);
    }

    [Fact]
    public void The_clock_gives_the_reference_day_when_the_page_is_read()
    {
        var clock = new FixedClock(new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var reader = new HfPageTextReader(clock);

        var record = reader.Read(new MemoryStream(Encoding.UTF8.GetBytes($"A Title Here\n{_abstract}\n• 2 authors\n·\nMar 2\n")), "p.txt").Single().Record!;

        Assert.Equal(new DateOnly(2023, 3, 2), record.Listed);
    }

    [Fact]
    public void Unknown_furniture_before_the_first_entry_is_not_an_error()
    {
        var entries = Read($"Trending Papers This Week\nSort by votes\nA Real Title\n{_abstract}\n");

        Assert.Equal("A Real Title", Assert.Single(entries).Record!.Title);
        Assert.Equal("p.txt:3", entries[0].Record!.Origin);
    }

    [Fact]
    public void Pagination_after_an_entry_is_neither_upvotes_nor_an_entry()
    {
        var entries = Read($"A Real Title\n{_abstract}\n• 2 authors\n·\nSep 11\nPrevious\n1\n2\nNext\n");

        var record = Assert.Single(entries).Record!;
        Assert.Null(record.Upvotes);
        Assert.Equal(new DateOnly(2025, 9, 11), record.Listed);
    }

    [Fact]
    public void An_abstract_in_several_paragraphs_is_kept_whole_with_paragraph_breaks()
    {
        var record = Assert.Single(Read($"A Real Title\r\n\r\n{_abstract}\r\n\r\n{_abstract}\r\n\r\n• 2 authors\r\n")).Record!;

        Assert.Equal(_abstract + "\n\n" + _abstract, record.Abstract);
        Assert.Equal(2, record.AuthorCount);
    }

    [Fact]
    public void A_lost_abstract_in_the_last_entry_is_reported()
    {
        var entries = Read($"First Paper Title\n{_abstract}\nSecond Paper Title\n• 3 authors\n·\nMay 4, 2024\nNext\n");

        Assert.Equal("First Paper Title", entries[0].Record!.Title);
        Assert.Null(entries[0].Record!.AuthorCount);
        Assert.Equal(new InputError("p.txt:3", "no abstract after the title \"Second Paper Title\" (line 4 is \"• 3 authors\"); the entry is skipped"), entries[1].Error);
        Assert.Equal(2, entries.Count);
    }

    [Fact]
    public void Format_is_hf_page() => Assert.Equal("hf-page", new HfPageTextReader().Format);

    private static readonly string[] _words =
        ["Noise", "Diffusion", "Learning", "Sparse", "Models", "Robust", "Towards", "Graph", "Neural", "Scaling", "of", "for", "with", "via"];

    private sealed record Entry(string Title, string Abstract, int? Authors, DateOnly? Day, bool YearShown, int? Upvotes);

    private static readonly Gen<Entry> _entries =
        Gen.Select(
            Gen.Int[0, _words.Length - 1].Array[2, 14],
            Gen.Int[30, 200],
            Gen.Int[1, 60].Nullable(),
            Gen.Int[0, 4000],
            Gen.Bool,
            Gen.Int[1, 500].Nullable(),
            (title, length, authors, daysBack, yearShown, upvotes) =>
            {
                var day = _referenceDay.AddDays(-daysBack);
                var shown = yearShown || day.Year != _referenceDay.Year;
                return new Entry(
                    string.Join(' ', title.Select(i => _words[i])),
                    string.Join(' ', Enumerable.Range(0, length).Select(i => _words[i % _words.Length].ToLowerInvariant())) + ".",
                    authors,
                    authors is null ? null : day,
                    shown,
                    authors is null ? null : upvotes);
            });

    [Fact]
    public void Any_list_in_any_layout_reads_back_as_written()
    {
        Gen.Select(_entries.List[1, 12], Gen.Bool, Gen.Bool).Sample((entries, blankLines, furniture) =>
        {
            var text = new StringBuilder();
            void Line(string line) => text.Append(line).Append(blankLines ? "\n\n" : "\n");
            if (furniture)
            {
                Array.ForEach(["new", "Get trending papers in your email inbox!", "Subscribe", "Daily Papers", "Nov 6"], Line);
            }

            foreach (var entry in entries)
            {
                Line(entry.Title);
                Line(entry.Abstract);
                if (entry.Authors is { } authors)
                {
                    Line($"  • {authors} authors");
                    Line("·");
                    Line($"{entry.Day!.Value.ToString(entry.YearShown ? "MMM d, yyyy" : "MMM d")}{(entry.Upvotes is { } up ? $" {up}" : "")}");
                }
            }

            if (furniture)
            {
                Array.ForEach(["Previous", "1", "2", "Next", "System theme", "TOS", "Privacy"], Line);
            }

            var read = Read(text.ToString());

            Assert.All(read, e => Assert.Null(e.Error));
            Assert.Equal(
                entries.Select(e => (e.Title, e.Abstract, e.Authors, e.Day, e.Upvotes)),
                read.Select(e => e.Record!).Select(r => (r.Title, r.Abstract!, r.AuthorCount, r.Listed, r.Upvotes)));
        }, iter: 300);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
