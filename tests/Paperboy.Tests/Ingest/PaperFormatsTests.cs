using System.Text;
using Paperboy.Ingest;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Ingest;

/// <summary>Format detection from an input's first bytes: each format by its start, and no guess for anything else.</summary>
public sealed class PaperFormatsTests
{
    [Theory]
    [InlineData("<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", "arxiv-atom")]
    [InlineData("<?xml version=\"1.0\"?>\n<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">", "arxiv-oai")]
    [InlineData("[{\"paper\": {\"id\": \"2501.00001\"}}]", "hf-json")]
    [InlineData("{\"id\": \"2501.00001\", \"title\": \"T\"}\n", "arxiv-snapshot")]
    [InlineData("\uFEFF\nDaily Papers\n\nA title of a paper\n", "hf-page")]
    [InlineData("Diffusion models for proteins\nA long abstract.\n• 5 authors\n·\nSep 11\n", "hf-page")]
    public void Each_format_is_known_by_its_start(string head, string format) =>
        Assert.Equal(format, PaperFormats.Detect(Encoding.UTF8.GetBytes(head)));

    [Fact]
    public void The_saved_hugging_face_pages_are_page_text()
    {
        foreach (var path in Directory.GetFiles(SharedData.Require("hf-search-pages"), "*.txt"))
        {
            Assert.Equal("hf-page", PaperFormats.Detect(File.ReadAllBytes(path).AsSpan(0, 8192)));
        }
    }

    [Theory]
    [InlineData(new byte[0], "it is empty")]
    [InlineData(new byte[] { 0x0A, 0x20, 0x0D }, "it is empty")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00 }, "it is not text")]
    [InlineData(new byte[] { 0x41, 0xC3, 0x28, 0x42, 0x43 }, "it is not text")]
    public void Empty_and_binary_inputs_are_refused_saying_so(byte[] head, string reason)
    {
        var error = Assert.Throws<FormatException>(() => PaperFormats.Detect(head));

        Assert.StartsWith(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_no_papers_page_is_refused_rather_than_read_as_one()
    {
        var note = "Meeting notes\nBuy milk\nCall Bob about the budget\nThe budget is due on Friday and needs sign-off from finance before we can proceed with anything.\n";

        var error = Assert.Throws<FormatException>(() => PaperFormats.Detect(Encoding.UTF8.GetBytes(note)));

        Assert.Contains("not recognised", error.Message, StringComparison.Ordinal);
        Assert.Contains("Hugging Face page text", error.Message, StringComparison.Ordinal);
    }
}
