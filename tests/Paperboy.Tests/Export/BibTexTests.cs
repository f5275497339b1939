using Paperboy.Export;
using Paperboy.Papers;

namespace Paperboy.Tests.Export;

public sealed class BibTexTests
{
    private static Paper Paper(string id, string title, DateOnly? published = null, DateOnly? updated = null) =>
        new() { Id = id, Title = title, Authors = ["Yu Wang"], Published = published, Updated = updated };

    [Theory]
    [InlineData("2212.09525", 2022)]
    [InlineData("0704.0001", 2007)]
    [InlineData("hep-th/9901001", 1999)]
    [InlineData("math.AG/0512001", 2005)]
    public void Without_a_publication_day_the_year_is_the_one_the_arxiv_id_encodes_not_the_last_update(string id, int year)
    {
        var entry = BibTex.Entry(Paper(id, "Visual prompting at scale", updated: new DateOnly(2025, 3, 1)));

        Assert.Contains($"  year = {{{year}}},\n", entry);
        Assert.StartsWith($"@misc{{wang{year}visual,", entry);
    }

    [Fact]
    public void Braces_without_a_partner_are_dropped_so_no_field_can_end_the_entry()
    {
        var paper = new Paper
        {
            Id = "2212.09525",
            Title = "Sets $\\{x\\}$ of {\\em small} size & 100% recall",
            Authors = ["Mallory }} @misc{evil, title={x", "Ada {Lovelace"],
            Categories = ["cs.LG}"],
        };

        var entry = BibTex.Entry(paper);

        Assert.Contains("  title = {{Sets $\\{x\\}$ of {\\em small} size \\& 100\\% recall}},\n", entry);
        Assert.Contains("  author = {Mallory  @miscevil, title=x and Ada Lovelace},\n", entry);
        Assert.Contains("  primaryClass = {cs.LG},\n", entry);
        Assert.Equal(entry.Count(c => c == '{'), entry.Count(c => c == '}'));
        Assert.EndsWith("}\n", entry, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_publication_day_gives_the_year()
    {
        Assert.Contains("  year = {2023},\n", BibTex.Entry(Paper("2212.09525", "Visual prompting", published: new DateOnly(2023, 1, 2))));
    }

    [Fact]
    public void Keys_in_one_file_are_unique_with_a_letter_added_to_repeats()
    {
        var keys = new BibTexKeys();
        var day = new DateOnly(2025, 5, 1);

        string[] ids = ["2505.00001", "2505.00002", "2505.00003", "2505.00004"];

        // The last title's own key is one the second paper was given, so it gets a letter too.
        var given = ids.Select(id => keys.Next(Paper(id, id == "2505.00004" ? "Visuala" : "Visual prompting", published: day))).ToList();

        Assert.Equal(["wang2025visual", "wang2025visuala", "wang2025visualb", "wang2025visualaa"], given);
    }
}
