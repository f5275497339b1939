using System.Net.Http.Headers;
using Paperboy.Harvest;

namespace Paperboy.Tests.Harvest;

public sealed class ArxivSetsTests
{
    [Theory]
    [InlineData("cs.LG", "cs")]
    [InlineData("cs", "cs")]
    [InlineData("stat.ML", "stat")]
    [InlineData("eess.AS", "eess")]
    [InlineData("q-bio.NC", "q-bio")]
    [InlineData("hep-th", "physics:hep-th")]
    [InlineData("astro-ph.CO", "physics:astro-ph")]
    [InlineData("cond-mat.mes-hall", "physics:cond-mat")]
    [InlineData("physics.optics", "physics:physics")]
    [InlineData("math-ph", "physics:math-ph")]
    [InlineData("math.AG", "math")]
    [InlineData("quant-ph", "physics:quant-ph")]
    public void Maps_categories_to_their_oai_set(string category, string set) => Assert.Equal(set, ArxivSets.ForCategory(category));

    [Theory]
    [InlineData("cs.CL", true)]
    [InlineData("cs", true)]
    [InlineData("astro-ph", false)]
    [InlineData("cs.C", false)]
    [InlineData("physics.med-ph", true)]
    [InlineData("physics", true)]
    public void Matches_a_category_or_its_archive(string asked, bool listed) =>
        Assert.Equal(listed, ArxivSets.Lists(["cs.CL", "cs.AI", "physics.med-ph"], asked));

    [Fact]
    public void Reads_retry_after_as_seconds_or_as_a_date()
    {
        var now = new DateTimeOffset(2026, 4, 8, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(120), OaiPageFetcher.RetryDelay(RetryConditionHeaderValue.Parse("120"), now));
        Assert.Equal(TimeSpan.FromSeconds(90), OaiPageFetcher.RetryDelay(RetryConditionHeaderValue.Parse("Wed, 08 Apr 2026 10:01:30 GMT"), now));
        Assert.Equal(TimeSpan.Zero, OaiPageFetcher.RetryDelay(RetryConditionHeaderValue.Parse("Wed, 08 Apr 2026 09:59:00 GMT"), now));
        Assert.Null(OaiPageFetcher.RetryDelay(null, now));
    }
}
