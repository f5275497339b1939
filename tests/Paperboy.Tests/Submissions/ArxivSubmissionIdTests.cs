using Paperboy.Submissions;

namespace Paperboy.Tests.Submissions;

public sealed class ArxivSubmissionIdTests
{
    [Theory]
    [InlineData("2212.09525", "2212.09525")]
    [InlineData("2212.09525v2", "2212.09525")]
    [InlineData("arXiv:2212.09525", "2212.09525")]
    [InlineData(" https://arxiv.org/abs/2212.09525 ", "2212.09525")]
    [InlineData("https://arxiv.org/pdf/2212.09525v1", "2212.09525")]
    [InlineData("http://export.arxiv.org/abs/0710.2073v3", "0710.2073")]
    [InlineData("hep-th/9901001", "hep-th/9901001")]
    [InlineData("https://arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001")]
    public void Reads_ids_and_urls_as_the_bare_id(string text, string id) =>
        Assert.Equal(id, ArxivSubmissionId.Parse(text));

    [Theory]
    [InlineData("", "an arXiv id or URL is required, e.g. 2212.09525")]
    [InlineData("  ", "an arXiv id or URL is required, e.g. 2212.09525")]
    [InlineData("attention is all you need", "'attention is all you need' is not an arXiv id or arXiv URL; expected e.g. 2212.09525, 2212.09525v2, arXiv:2212.09525, https://arxiv.org/abs/2212.09525 or hep-th/9901001")]
    [InlineData("https://example.org/abs/2212.09525", "'https://example.org/abs/2212.09525' is not an arXiv id or arXiv URL")]
    [InlineData("2212.095", "'2212.095' is not an arXiv id or arXiv URL")]
    [InlineData("2213.09525", "'2213.09525' is not an arXiv id: month 13 in '2213' does not exist")]
    [InlineData("2212.0952", "'2212.0952' is not an arXiv id: ids from 2015 on have 5 digits after the dot (2212.0952 has 4)")]
    [InlineData("1412.09525", "'1412.09525' is not an arXiv id: ids before 2015 have 4 digits after the dot (1412.09525 has 5)")]
    [InlineData("0612.0001", "'0612.0001' is not an arXiv id: ids of the form yymm.nnnn begin in April 2007 (0612 is earlier)")]
    public void A_malformed_id_says_what_is_wrong(string text, string message)
    {
        var failure = Assert.Throws<SubmissionException>(() => ArxivSubmissionId.Parse(text));

        Assert.Equal(SubmissionProblem.MalformedId, failure.Problem);
        Assert.StartsWith(message, failure.Message, StringComparison.Ordinal);
    }
}
