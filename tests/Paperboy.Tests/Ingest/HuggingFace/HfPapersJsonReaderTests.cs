using System.Text;
using Paperboy.Ingest;
using Paperboy.Ingest.HuggingFace;

namespace Paperboy.Tests.Ingest.HuggingFace;

public sealed class HfPapersJsonReaderTests
{
    private static readonly HfPapersJsonReader _reader = new();

    private static List<SourceEntry> Read(string json, string name = "in.json") =>
        [.. _reader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), name)];

    [Fact]
    public void Broken_json_stops_with_its_line_and_byte_offset_after_the_items_before_it()
    {
        var read = new List<SourceEntry>();
        using var stream = File.OpenRead(HfGolden.PathOf("broken.json"));

        var error = Assert.Throws<InputException>(() => read.AddRange(_reader.Read(stream, "broken.json")));

        Assert.Equal("The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks", Assert.Single(read).Record!.Title);
        Assert.Equal("broken.json:16", error.Origin);
        Assert.StartsWith("malformed JSON at line 16, byte 7 of the line (byte offset 462): ", error.Reason);
        Assert.Contains("'\"' is invalid after a value", error.Reason);
    }

    [Fact]
    public void A_truncated_array_is_malformed_at_its_end()
    {
        const string json = "[\n{\"paper\": {\"id\": \"1803.03635\", \"title\": \"A\"}},\n{\"paper\": {\"id\": \"2205.1";

        var error = Assert.Throws<InputException>(() => Read(json, "cut.json"));

        Assert.Equal("cut.json:3", error.Origin);
        Assert.Contains("(byte offset ", error.Reason);
    }

    [Fact]
    public void A_top_level_scalar_is_neither_an_array_nor_json_lines()
    {
        var error = Assert.Throws<InputException>(() => Read("\n\n42\n", "n.json"));

        Assert.Equal("n.json:3", error.Origin);
        Assert.Equal("expected a JSON array of objects or one object per line, found a top-level number", error.Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Any_read_size_gives_the_same_entries(int bytesPerRead)
    {
        foreach (var file in new[] { "daily-papers.json", "search.json", "daily-papers.jsonl", "no-title.json" })
        {
            var whole = HfGolden.Read(_reader, file).Select(HfGolden.ToJson).Select(j => j.ToJsonString());
            var trickled = _reader.Read(new TrickleStream(File.ReadAllBytes(HfGolden.PathOf(file)), bytesPerRead), file)
                .Select(HfGolden.ToJson).Select(j => j.ToJsonString());

            Assert.Equal(whole, trickled);
        }
    }

    [Fact]
    public void An_item_larger_than_the_buffer_is_read_whole()
    {
        var summary = new string('x', 300_000);
        var json = $"[{{\"paper\": {{\"id\": \"2509.04664\", \"title\": \"Big\", \"summary\": \"{summary}\"}}}}, {{\"title\": \"Next\"}}]";

        var entries = _reader.Read(new TrickleStream(Encoding.UTF8.GetBytes(json), 5000), "big.json").ToList();

        Assert.Equal(summary, entries[0].Record!.Abstract);
        Assert.Equal("big.json:1 (item 2, byte offset 300065)", entries[1].Record!.Origin);
    }

    [Fact]
    public void Many_items_stream_through_with_their_lines()
    {
        var lines = Enumerable.Range(1, 5000).Select(i => $"{{\"id\": \"2401.{i:00000}\", \"title\": \"Paper {i}\", \"upvotes\": {i}}}");

        var entries = Read(string.Join('\n', lines), "many.jsonl");

        Assert.Equal(5000, entries.Count);
        Assert.Equal("many.jsonl:5000 (item 5000, byte offset 302725)", entries[^1].Record!.Origin);
        Assert.Equal("2401.05000", entries[^1].Record!.ArxivId);
        Assert.Equal(5000, entries[^1].Record!.Upvotes);
    }

    [Fact]
    public void Ids_with_versions_other_ids_and_offsets_in_timestamps_are_mapped()
    {
        const string json = """
            {"paper": {"id": "2509.04664v2", "title": "Versioned", "publishedAt": "2025-09-04T23:30:00-04:00"}, "publishedAt": "2025-09-07T22:00:00-04:00"}
            {"paper": {"id": "hf-internal-123", "title": "Not on arXiv", "authors": ["Ada Lovelace", {"name": "  Alan   Turing "}]}}
            """;

        var entries = Read(json, "x.jsonl");

        var versioned = entries[0].Record!;
        Assert.Equal(("2509.04664", 2), (versioned.ArxivId, versioned.Version));
        Assert.Equal(new DateOnly(2025, 9, 5), versioned.Published);
        Assert.Equal(new DateOnly(2025, 9, 8), versioned.Listed);
        var other = entries[1].Record!;
        Assert.Null(other.ArxivId);
        Assert.StartsWith("t:", other.PaperId, StringComparison.Ordinal);
        Assert.Equal(["Ada Lovelace", "Alan Turing"], other.Authors);
    }

    [Theory]
    [InlineData("{\"title\": \"T\", \"publishedAt\": \"yesterday\"}", "\"publishedAt\" is \"yesterday\", expected an ISO 8601 date and time")]
    [InlineData("{\"title\": \"T\", \"upvotes\": -1}", "\"upvotes\" is -1, expected a whole number of at least 0")]
    [InlineData("{\"title\": \"T\", \"authors\": \"A. Author\"}", "\"authors\" is a JSON string, expected an array")]
    [InlineData("{\"title\": \"T\", \"authors\": [3]}", "author 1 is a JSON number, expected an object with a \"name\"")]
    [InlineData("{\"title\": 7}", "\"title\" is a JSON number, expected a string")]
    [InlineData("{\"paper\": {\"title\": \"  \"}}", "the paper has no title (no \"title\" in \"paper\" nor at the item's top level)")]
    public void A_bad_field_skips_only_its_item(string item, string message)
    {
        var entries = Read($"[{item}, {{\"title\": \"Good\"}}]", "b.json");

        Assert.Equal(new InputError("b.json:1 (item 1, byte offset 1)", message), entries[0].Error);
        Assert.Equal("Good", entries[1].Record!.Title);
    }

    [Fact]
    public void A_byte_order_mark_and_an_empty_input_are_accepted()
    {
        Assert.Empty(Read(""));
        Assert.Empty(Read("  \n"));
        var withBom = _reader.Read(new MemoryStream([0xEF, 0xBB, 0xBF, .. "[{\"title\": \"T\"}]"u8]), "bom.json").ToList();
        Assert.Equal("bom.json:1 (item 1, byte offset 4)", Assert.Single(withBom).Record!.Origin);
    }

    [Fact]
    public void Format_is_hf_json() => Assert.Equal("hf-json", _reader.Format);
}
