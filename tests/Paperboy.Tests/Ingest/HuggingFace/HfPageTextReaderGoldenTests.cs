using Paperboy.Ingest.HuggingFace;

namespace Paperboy.Tests.Ingest.HuggingFace;

/// <summary>Real excerpts of Hugging Face pages in each layout, read into records compared field by field.</summary>
public sealed class HfPageTextReaderGoldenTests
{
    // The excerpts come from pages saved in autumn 2025; dates shown without a year resolve against this day.
    private static readonly HfPageTextReader _reader = new(new DateOnly(2025, 11, 30));

    [Theory]
    [InlineData("page-meta-blank-lines.txt")]
    [InlineData("page-no-meta.txt")]
    [InlineData("page-no-blank-lines.txt")]
    [InlineData("page-cut-abstracts.txt")]
    [InlineData("page-missing-abstract.txt")]
    public void Reads_the_excerpt_into_the_expected_entries(string file) => HfGolden.AssertMatches(_reader, file);
}
