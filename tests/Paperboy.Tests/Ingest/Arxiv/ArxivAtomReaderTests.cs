using System.Text;
using Paperboy.Ingest;
using Paperboy.Ingest.Arxiv;
using Paperboy.Papers;

namespace Paperboy.Tests.Ingest.Arxiv;

public sealed class ArxivAtomReaderTests
{
    private readonly ArxivAtomReader _reader = new();

    [Fact]
    public void Reads_every_field_of_an_api_response()
    {
        var records = ArxivGolden.Records(ArxivGolden.ReadAll(_reader, "atom-query.xml"));

        Assert.Equal(3, records.Count);
        Assert.Equivalent(new PaperRecord
        {
            Source = "arxiv-atom",
            Origin = "atom-query.xml:10",
            ArxivId = "2212.09525",
            Version = 2,
            Title = "FreeEnricher: Enriching Face Landmarks without Additional Cost",
            Authors = ["Yangyu Huang", "Xi Chen", "Jongyoo Kim", "Hao Yang", "Chong Li", "Jiaolong Yang", "Dong Chen"],
            AuthorCount = 7,
            Abstract = """
                Recent years have witnessed significant growth of face alignment. Though
                dense facial landmark is highly demanded in various scenarios, e.g., cosmetic
                medicine and facial beautification, most works only consider sparse face
                alignment. To address this problem, we present a framework that can enrich
                landmark density by existing sparse landmark datasets, e.g., 300W with 68
                points and WFLW with 98 points. Firstly, we observe that the local patches
                along each semantic contour are highly similar in appearance. Then, we propose
                a weakly-supervised idea of learning the refinement ability on original sparse
                landmarks and adapting this ability to enriched dense landmarks. Meanwhile,
                several operators are devised and organized together to implement the idea.
                Finally, the trained model is applied as a plug-and-play module to the existing
                face alignment networks. To evaluate our method, we manually label the dense
                landmarks on 300W testset. Our method yields state-of-the-art accuracy not only
                in newly-constructed dense 300W testset but also in the original sparse 300W
                and WFLW testsets without additional cost.
                """,
            Categories = ["cs.CV", "cs.AI", "cs.GR", "cs.IR", "cs.LG"],
            Published = new DateOnly(2022, 12, 19),
            Updated = new DateOnly(2023, 1, 3),
            Comments = "AAAI 2023",
        }, records[0], strict: true);
        Assert.Equivalent(new PaperRecord
        {
            Source = "arxiv-atom",
            Origin = "atom-query.xml:62",
            ArxivId = "0710.2073",
            Version = 2,
            Title = "On coincidence of Alday-Maldacena-regularized $σ$-model and Nambu-Goto areas of minimal surfaces",
            Authors = ["A. Popolitov"],
            AuthorCount = 1,
            Abstract = """
                For the $\sigma$-model and Nambu-Goto actions, values of the
                Alday-Maldacena-regularized actions are calculated on solutions of the
                equations of motion with constant non-regularized Lagrangian. It turns out that
                these values coincide up to a factor, independent of boundary conditions.
                """,
            Categories = ["hep-th"],
            Published = new DateOnly(2007, 10, 10),
            Updated = new DateOnly(2007, 10, 12),
            Comments = "3 pages, submitted to JETP Letters, corrected some misprints and missing factors in formulas (10) and (11)",
            Doi = "10.1134/S0021364007210011",
        }, records[1], strict: true);
    }

    [Fact]
    public void Reads_old_style_ids_and_keeps_the_day_as_written_in_its_own_offset()
    {
        var record = ArxivGolden.Records(ArxivGolden.ReadAll(_reader, "atom-query.xml"))[2];

        Assert.Equal("atom-query.xml:86", record.Origin);
        Assert.Equal("hep-ex/0307015", record.ArxivId);
        Assert.Equal(1, record.Version);
        Assert.Equal("Multi-Electron Production at High Transverse Momenta in ep Collisions at HERA", record.Title);
        Assert.Equal(["H1 Collaboration"], record.Authors);
        Assert.Equal(["hep-ex"], record.Categories);
        Assert.Equal(new DateOnly(2003, 7, 7), record.Published);
        Assert.Equal(new DateOnly(2003, 7, 7), record.Updated);
        Assert.StartsWith("Multi-electron production is studied at high electron transverse momentum\nin positron-", record.Abstract, StringComparison.Ordinal);
        Assert.EndsWith("of 0.30 \\pm 0.04 and 0.23 \\pm 0.04, respectively.", record.Abstract, StringComparison.Ordinal);
        Assert.Null(record.Comments);
        Assert.Null(record.Doi);
    }

    [Fact]
    public void Reports_an_api_error_entry_with_its_summary()
    {
        var entry = Assert.Single(ArxivGolden.ReadAll(_reader, "atom-api-error.xml"));

        Assert.Null(entry.Record);
        Assert.Equal(new InputError("atom-api-error.xml:10", "arXiv API error: incorrect id format for 1234.12345"), entry.Error);
    }

    [Fact]
    public void Reports_bad_entries_and_reads_on()
    {
        var entries = ArxivGolden.ReadAll(_reader, "atom-bad-entries.xml");

        Assert.Equal(
            [
                new InputError("atom-bad-entries.xml:6", "entry has no <id>"),
                new InputError("atom-bad-entries.xml:13", "entry 2311.12882 has no <title>"),
                new InputError("atom-bad-entries.xml:18", "entry 2302.08150: <published> '16 Feb 2023' is not a date"),
            ],
            entries.Take(3).Select(entry => entry.Error));
        var last = entries[3].Record!;
        Assert.Equal("Reanalyzing L2 Preposition Learning with Bayesian Mixed Effects and a Pretrained Language Model", last.Title);
        Assert.Equal(["cs.CL", "cs.AI"], last.Categories);
        Assert.Equal([], last.Authors!);
        Assert.Equal(0, last.AuthorCount);
        Assert.Null(last.Published);
        Assert.Null(last.Abstract);
    }

    [Fact]
    public void Rejects_a_feed_in_another_namespace()
    {
        var error = Assert.Throws<InputException>(() => ArxivGolden.ReadAll(_reader, "atom-wrong-namespace.xml"));

        Assert.Equal("atom-wrong-namespace.xml:2", error.Origin);
        Assert.Equal("expected an Atom <feed> in namespace http://www.w3.org/2005/Atom, found <feed> in namespace http://purl.org/atom/ns# at line 2", error.Reason);
    }

    [Fact]
    public void Rejects_a_document_that_is_not_a_feed()
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n\n<rss version=\"2.0\"><channel/></rss>"));

        var error = Assert.Throws<InputException>(() => _reader.Read(input, "feed.xml").ToList());

        Assert.Equal("feed.xml:3: expected an Atom <feed> in namespace http://www.w3.org/2005/Atom, found <rss> in no namespace at line 3", error.Message);
    }

    [Fact]
    public void Reads_up_to_truncation_then_names_line_and_position()
    {
        using var input = File.OpenRead(ArxivGolden.PathOf("atom-truncated.xml"));
        var entries = new List<SourceEntry>();

        var error = Assert.Throws<InputException>(() =>
        {
            foreach (var entry in _reader.Read(input, "atom-truncated.xml"))
            {
                entries.Add(entry);
            }
        });

        Assert.Equal("2212.09525", Assert.Single(entries).Record!.ArxivId);
        Assert.Equal("atom-truncated.xml:69", error.Origin);
        Assert.StartsWith("malformed XML at line 69, position ", error.Reason, StringComparison.Ordinal);
    }
}
