using System.IO.Compression;
using System.Text;
using Paperboy.Ingest;
using Paperboy.Ingest.Arxiv;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Ingest;

public sealed class ArxivSnapshotReaderTests
{
    private readonly ArxivSnapshotReader _reader = new();

    [Theory]
    [InlineData("excerpt")]
    [InlineData("with-versions")]
    public void Golden_excerpts_give_the_expected_records(string name) =>
        GoldenFile.AssertEntries(GoldenFile.Read(_reader, "arxiv-snapshot", name + ".jsonl"), "arxiv-snapshot", name + ".expected.json");

    [Fact]
    public void A_broken_line_is_skipped_with_its_line_column_and_offset()
    {
        var lines = File.ReadAllLines(GoldenFile.PathOf("arxiv-snapshot", "excerpt.jsonl"));
        var text = $"{lines[0]}\n{{\"id\": \"2401.00001\", \"title\": \"Broken\",, \"abstract\": \"x\"}}\n{lines[1]}\n";
        var entries = _reader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "broken.jsonl").ToList();

        Assert.Equal(3, entries.Count);
        Assert.NotNull(entries[0].Record);
        Assert.NotNull(entries[2].Record);
        var error = Assert.IsType<InputError>(entries[1].Error);
        Assert.Equal("broken.jsonl:2", error.Origin);
        Assert.StartsWith($"not valid JSON at column 40 (byte offset {Encoding.UTF8.GetByteCount(lines[0]) + 1 + 39})", error.Message);
    }

    [Fact]
    public void A_record_without_an_arxiv_id_is_skipped_and_named()
    {
        var entries = _reader.Read(new MemoryStream("{\"id\": \"hello\", \"title\": \"T\"}\n{\"title\": \"T\"}\n"u8.ToArray()), "ids.jsonl").ToList();

        Assert.Equal("ids.jsonl:1: \"id\" is not an arXiv id: \"hello\"", entries[0].Error!.ToString());
        Assert.Equal("ids.jsonl:2: the record has no \"id\"", entries[1].Error!.ToString());
    }

    [Fact]
    public void A_truncated_gzip_file_fails_naming_the_record_where_it_ends()
    {
        var whole = File.ReadAllBytes(GoldenFile.PathOf("arxiv-snapshot", "excerpt.jsonl"));
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(whole);
        }

        var truncated = compressed.ToArray()[..(int)(compressed.Length * 2 / 3)];
        using var input = new GZipStream(new MemoryStream(truncated), CompressionMode.Decompress);

        var failure = Assert.Throws<InputException>(() => _reader.Read(input, "cut.jsonl.gz").ToList());

        Assert.StartsWith("cut.jsonl.gz:", failure.Message);
        Assert.Contains("the input ends in the middle of a record that starts at byte offset", failure.Message);
        Assert.Contains("(truncated file?)", failure.Message);
    }
}
