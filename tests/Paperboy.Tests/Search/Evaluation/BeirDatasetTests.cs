using Paperboy.Ingest;
using Paperboy.Search.Evaluation;
using Paperboy.Tests.Search.Keyword;

namespace Paperboy.Tests.Search.Evaluation;

public sealed class BeirDatasetTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Reads_corpus_and_queries()
    {
        var corpus = Write("corpus.jsonl",
            "{\"_id\": \"4983\", \"title\": \"Microstructural development\", \"text\": \"Alterations of the architecture\", \"metadata\": {}}\n\n"
            + "{\"_id\": \"5836\", \"title\": null, \"text\": \"Only text\"}\n");
        var queries = Write("queries.jsonl", "{\"_id\": \"0\", \"text\": \"0-dimensional biomaterials show inductive properties.\"}\n");

        Assert.Equal(
            [new BeirDocument("4983", "Microstructural development", "Alterations of the architecture"), new BeirDocument("5836", "", "Only text")],
            BeirDataset.ReadCorpus(corpus));
        Assert.Equal([new BeirQuery("0", "0-dimensional biomaterials show inductive properties.")], BeirDataset.ReadQueries(queries));
    }

    [Theory]
    [InlineData("{\"_id\": \"1\", \"text\": \"a\"}\n{not json\n")]
    [InlineData("{\"_id\": \"1\", \"text\": \"a\"}\n{\"text\": \"no id\"}\n")]
    [InlineData("{\"_id\": \"1\", \"text\": \"a\"}\n{\"_id\": \"2\", \"text\": 7}\n")]
    public void A_bad_line_is_reported_with_its_file_and_line(string content)
    {
        var path = Write("queries.jsonl", content);

        var error = Assert.Throws<InputException>(() => BeirDataset.ReadQueries(path).ToList());

        Assert.Equal($"{path}:2", error.Origin);
    }

    [Fact]
    public void Reads_graded_qrels_after_a_header()
    {
        var path = Write("train.tsv", "query-id\tcorpus-id\tscore\n0\t31715818\t1\n0\t13734012\t2\n1\t14717500\t1\n");

        var judgments = RelevanceJudgments.Load(path);

        Assert.Equal(2, judgments.ByQuery.Count);
        Assert.Equal(2, judgments.ByQuery["0"]["13734012"]);
        Assert.Equal(1, judgments.ByQuery["1"]["14717500"]);
    }

    [Theory]
    [InlineData("0\t31715818\n")]
    [InlineData("0\t31715818\tone\n")]
    [InlineData("\t31715818\t1\n")]
    public void A_malformed_qrels_line_is_reported_with_its_file_and_line(string badLine)
    {
        var path = Write("train.tsv", "query-id\tcorpus-id\tscore\n0\t1\t1\n" + badLine);

        var error = Assert.Throws<InputException>(() => RelevanceJudgments.Load(path));

        Assert.Equal($"{path}:3", error.Origin);
    }
}
