using System.Text;
using Paperboy.Ingest;
using Paperboy.Ingest.Arxiv;
using Paperboy.Papers;

namespace Paperboy.Tests.Ingest.Arxiv;

public sealed class OaiPmhReaderTests
{
    private readonly OaiPmhReader _reader = new();

    [Fact]
    public void Reads_every_field_of_arxiv_metadata_and_skips_deleted_records()
    {
        var records = ArxivGolden.Records(ArxivGolden.ReadAll(_reader, "oai-listrecords-arxiv.xml"));

        Assert.Equal(["2212.09525", "2302.08150", "2311.12882"], records.Select(record => record.ArxivId));
        Assert.Equivalent(new PaperRecord
        {
            Source = "arxiv-oai",
            Origin = "oai-listrecords-arxiv.xml:39",
            ArxivId = "2302.08150",
            Version = null,
            Title = "Reanalyzing L2 Preposition Learning with Bayesian Mixed Effects and a Pretrained Language Model",
            Authors = ["Jakob Prange", "Man Ho Ivy Wong"],
            AuthorCount = 2,
            Abstract = """
                We use both Bayesian and neural models to dissect a data set of Chinese
                learners' pre- and post-interventional responses to two tests measuring their
                understanding of English prepositions.
                """,
            Categories = ["cs.CL", "cs.AI"],
            Published = new DateOnly(2023, 2, 16),
            Updated = null,
            Listed = new DateOnly(2026, 4, 6),
            Comments = "To appear at ACL 2023, Toronto",
        }, records[1], strict: true);
        var first = records[0];
        Assert.Equal("oai-listrecords-arxiv.xml:6", first.Origin);
        Assert.Equal("FreeEnricher: Enriching Face Landmarks without Additional Cost", first.Title);
        Assert.Equal(["Yangyu Huang", "Xi Chen", "Jongyoo Kim", "Hao Yang", "Chong Li", "Jiaolong Yang", "Dong Chen"], first.Authors);
        Assert.Equal(new DateOnly(2022, 12, 19), first.Published);
        Assert.Equal(new DateOnly(2023, 1, 3), first.Updated);
        Assert.Equal(["cs.CV", "cs.AI", "cs.GR", "cs.IR", "cs.LG"], first.Categories);
        Assert.StartsWith("Recent years have witnessed", first.Abstract, StringComparison.Ordinal);
        Assert.EndsWith("and WFLW testsets without additional cost.", first.Abstract, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 4, 7), records[2].Listed);
    }

    [Fact]
    public void Reports_the_resumption_token_after_the_records()
    {
        var seen = new List<string>();
        using var input = File.OpenRead(ArxivGolden.PathOf("oai-listrecords-arxiv.xml"));

        foreach (var entry in _reader.Read(input, "page1.xml", token => seen.Add($"token {token.Token} {token.CompleteListSize} {token.Cursor} {token.HasMore}")))
        {
            seen.Add(entry.Record!.ArxivId!);
        }

        Assert.Equal(["2212.09525", "2302.08150", "2311.12882", "token 6960524|1001 5 0 True"], seen);
    }

    [Fact]
    public void Reports_an_empty_token_on_the_last_page()
    {
        OaiResumptionToken? token = null;
        using var input = File.OpenRead(ArxivGolden.PathOf("oai-listrecords-arxiv-last.xml"));

        var records = _reader.Read(input, "last.xml", read => token = read).ToList();

        Assert.Equal(2, records.Count);
        Assert.Equal(new OaiResumptionToken("", 5, 1001), token);
        Assert.False(token!.HasMore);
        Assert.Equal("Alexandre Défossez", records[0].Record!.Authors![5]);
    }

    [Fact]
    public void Reads_every_field_of_arxivraw_metadata()
    {
        var records = ArxivGolden.Records(ArxivGolden.ReadAll(_reader, "oai-listrecords-arxivraw.xml"));

        Assert.Equal(2, records.Count);
        Assert.Equivalent(new PaperRecord
        {
            Source = "arxiv-oai",
            Origin = "oai-listrecords-arxivraw.xml:6",
            ArxivId = "0704.0001",
            Version = 2,
            Title = "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies",
            Authors = ["C. Bal\\'azs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"],
            AuthorCount = 4,
            Abstract = """
                A fully differential calculation in perturbative quantum chromodynamics is
                presented for the production of massive photon pairs at hadron colliders. All
                next-to-leading order perturbative contributions from quark-antiquark,
                gluon-(anti)quark, and gluon-gluon subprocesses are included, as well as
                all-orders resummation of initial-state gluon radiation valid at
                next-to-next-to-leading logarithmic accuracy.
                """,
            Categories = ["hep-ph"],
            Published = new DateOnly(2007, 4, 2),
            Updated = new DateOnly(2007, 7, 24),
            Listed = new DateOnly(2008, 11, 13),
            Comments = "37 pages, 15 figures; published version",
            Doi = "10.1103/PhysRevD.76.013009",
        }, records[0], strict: true);
        var second = records[1];
        Assert.Equal(["Ileana Streinu", "Louis Theran"], second.Authors);
        Assert.Equal(["math.CO", "cs.CG"], second.Categories);
        Assert.Equal((2, new DateOnly(2007, 3, 31), new DateOnly(2008, 12, 13)), (second.Version, second.Published, second.Updated));
    }

    [Fact]
    public void Treats_no_records_match_as_an_empty_list() =>
        Assert.Empty(ArxivGolden.ReadAll(_reader, "oai-no-records.xml"));

    [Fact]
    public void Throws_other_oai_errors_with_code_and_text()
    {
        var error = Assert.Throws<InputException>(() => ArxivGolden.ReadAll(_reader, "oai-bad-resumption-token.xml"));

        Assert.Equal("oai-bad-resumption-token.xml:5", error.Origin);
        Assert.Equal("OAI-PMH error badResumptionToken: The value of the resumptionToken argument is invalid or expired.", error.Reason);
    }

    [Fact]
    public void Rejects_an_html_page_naming_what_was_found()
    {
        var error = Assert.Throws<InputException>(() => ArxivGolden.ReadAll(_reader, "oai-html-instead.xml"));

        Assert.Equal("oai-html-instead.xml:2: expected an OAI-PMH <OAI-PMH> in namespace http://www.openarchives.org/OAI/2.0/, found <html> in no namespace at line 2", error.Message);
    }

    [Fact]
    public void Reports_bad_records_and_reads_on()
    {
        var errors = ArxivGolden.ReadAll(_reader, "oai-bad-records.xml").Select(entry => entry.Error);

        Assert.Equal(
            [
                new InputError("oai-bad-records.xml:6", "record oai:arXiv.org:2302.08150 has no <id> in its metadata"),
                new InputError("oai-bad-records.xml:17", "record oai:arXiv.org:2302.08150: metadata <dc> in namespace http://www.openarchives.org/OAI/2.0/oai_dc/ is neither arXiv (http://arxiv.org/OAI/arXiv/) nor arXivRaw (http://arxiv.org/OAI/arXivRaw/)"),
                new InputError("oai-bad-records.xml:28", "record 0704.0002: version 'v1' dated 'sometime in 2007' is not a vN version with an RFC 1123 date"),
            ],
            errors);
    }

    [Fact]
    public void Names_the_line_of_truncated_xml()
    {
        var text = File.ReadAllText(ArxivGolden.PathOf("oai-listrecords-arxiv.xml"));
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(text[..text.IndexOf("<record>\n<header>\n <identifier>oai:arXiv.org:2311", StringComparison.Ordinal)]));

        var error = Assert.Throws<InputException>(() => _reader.Read(input, "cut.xml").ToList());

        Assert.Equal("cut.xml:54", error.Origin);
        Assert.Matches(@"^malformed XML at line 54, position \d+: ", error.Reason);
    }

    [Theory]
    [InlineData(new byte[0], "oai.xml:1: malformed XML at line 1, position 1: ")]
    [InlineData(new byte[] { 0x1f, 0x8b, 0x08, 0x00 }, "oai.xml:1: malformed XML at line 1, position 1: ")]
    public void Names_where_input_that_is_not_xml_fails(byte[] bytes, string start)
    {
        using var input = new MemoryStream(bytes);

        var error = Assert.Throws<InputException>(() => _reader.Read(input, "oai.xml").ToList());

        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_author_suffixes_and_drops_affiliations_from_raw_author_lists()
    {
        const string Xml = """
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><GetRecord><record>
            <header><identifier>oai:arXiv.org:hep-th/9901001</identifier><datestamp>2008-02-03</datestamp></header>
            <metadata><arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/"><id>hep-th/9901001</id>
            <version version="v2"><date>Fri, 8 Jan 1999 12:00:00 GMT</date></version>
            <version version="v1"><date>Sat, 2 Jan 1999 23:59:59 GMT</date></version>
            <title>A title</title>
            <authors>A. One (MIT, Cambridge), B. Two, and C. Three ((1) CERN, (2) DESY)</authors></arXivRaw></metadata>
            </record></GetRecord></OAI-PMH>
            """;
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(Xml));

        var record = Assert.Single(_reader.Read(input, "raw.xml")).Record!;

        Assert.Equal(["A. One", "B. Two", "C. Three"], record.Authors);
        Assert.Equal(("hep-th/9901001", 2), (record.ArxivId, record.Version));
        Assert.Equal((new DateOnly(1999, 1, 2), new DateOnly(1999, 1, 8)), (record.Published, record.Updated));
    }

    [Fact]
    public void Joins_forenames_keyname_and_suffix()
    {
        const string Xml = """
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><GetRecord><record>
            <header><identifier>oai:arXiv.org:2402.00838</identifier><datestamp>2026-04-07</datestamp></header>
            <metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>2402.00838</id><title>OLMo</title>
            <authors><author><keyname>Smith</keyname><forenames>Noah A.</forenames><suffix>Jr</suffix></author><author><keyname>AllenAI</keyname></author></authors>
            </arXiv></metadata></record></GetRecord></OAI-PMH>
            """;
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(Xml));

        var record = Assert.Single(_reader.Read(input, "arxiv.xml")).Record!;

        Assert.Equal(["Noah A. Smith Jr", "AllenAI"], record.Authors);
    }
}
