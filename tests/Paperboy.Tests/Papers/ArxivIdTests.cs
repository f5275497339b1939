using Paperboy.Papers;

namespace Paperboy.Tests.Papers;

public sealed class ArxivIdTests
{
    [Theory]
    [InlineData("2212.09525", "2212.09525", null)]
    [InlineData("2212.09525v3", "2212.09525", 3)]
    [InlineData("arXiv:2212.09525v1", "2212.09525", 1)]
    [InlineData("https://arxiv.org/abs/2212.09525v2", "2212.09525", 2)]
    [InlineData("https://arxiv.org/pdf/2212.09525.pdf", "2212.09525", null)]
    [InlineData("http://arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001", 1)]
    [InlineData("math.GT/0309136", "math.GT/0309136", null)]
    public void Parses_ids_versions_and_urls(string text, string id, int? version)
    {
        Assert.True(ArxivId.TryParse(text, out var parsedId, out var parsedVersion));
        Assert.Equal(id, parsedId);
        Assert.Equal(version, parsedVersion);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an id")]
    [InlineData("2212.095")]
    [InlineData("https://example.org/abs/2212.09525")]
    public void Rejects_what_is_not_an_id(string text) => Assert.False(ArxivId.TryParse(text, out _, out _));

    [Theory]
    [InlineData("2212.09525v2", "2212.09525")]
    [InlineData(" arXiv:2212.09525 ", "2212.09525")]
    [InlineData("https://arxiv.org/pdf/2212.09525v1.pdf", "2212.09525")]
    [InlineData("hep-th%2F9901001", "hep-th/9901001")]
    [InlineData("t:3cfd7f1d6072f708", "t:3cfd7f1d6072f708")]
    [InlineData(" t:3cfd7f1d6072f708 ", "t:3cfd7f1d6072f708")]
    public void A_store_key_is_the_arxiv_id_of_any_form_of_it_and_other_ids_as_they_are(string text, string key) =>
        Assert.Equal(key, ArxivId.StoreKey(text));
}
