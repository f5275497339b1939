using Paperboy.Ingest.HuggingFace;

namespace Paperboy.Tests.Ingest.HuggingFace;

/// <summary>Responses in the shape of the Hugging Face papers API, read into records compared field by field.</summary>
public sealed class HfPapersJsonReaderGoldenTests
{
    private static readonly HfPapersJsonReader _reader = new();

    [Theory]
    [InlineData("daily-papers.json")]
    [InlineData("search.json")]
    [InlineData("daily-papers.jsonl")]
    [InlineData("no-title.json")]
    public void Reads_the_response_into_the_expected_entries(string file) => HfGolden.AssertMatches(_reader, file);
}
