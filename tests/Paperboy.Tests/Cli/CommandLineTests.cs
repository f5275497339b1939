using System.Text.Json;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Cli;

/// <summary>The <c>paperboy</c> executable as a user meets it: output, JSON shapes and exit codes.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Import_json_reports_integer_counts_and_a_second_run_changes_nothing()
    {
        var pages = SharedData.Require("hf-search-pages");

        var first = Paperboy("import", pages, "--json");
        var second = Paperboy("import", pages, "--json");

        Assert.Equal(0, first.ExitCode);
        using var before = JsonDocument.Parse(first.Output);
        using var after = JsonDocument.Parse(second.Output);
        Assert.True(before.RootElement.GetProperty("new").GetInt32() > 100);
        Assert.Equal(0, after.RootElement.GetProperty("new").GetInt32());
        Assert.Equal(0, after.RootElement.GetProperty("changed").GetInt32());
        Assert.Equal(0, after.RootElement.GetProperty("skipped").GetInt32());
        Assert.Equal(before.RootElement.GetProperty("new").GetInt32() + before.RootElement.GetProperty("changed").GetInt32() + before.RootElement.GetProperty("unchanged").GetInt32(),
            after.RootElement.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public void Stats_json_counts_the_demo_corpus()
    {
        Assert.Equal(0, Paperboy("import", "--demo").ExitCode);

        using var stats = JsonDocument.Parse(Paperboy("stats", "--json").Output);

        Assert.InRange(stats.RootElement.GetProperty("papers").GetInt64(), 2_800, 3_100);
        Assert.Equal(global::Paperboy.Store.Sqlite.SqliteSchema.CurrentVersion, stats.RootElement.GetProperty("schema_version").GetInt32());
    }

    [Fact]
    public void Daily_fills_an_empty_store_with_the_demo_corpus_and_lists_the_newest_day()
    {
        var daily = Paperboy("daily");

        Assert.Equal(0, daily.ExitCode);
        Assert.Contains("importing the demo corpus", daily.Error);
        Assert.Contains("top papers listed on", daily.Output);
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("papers", "list", "--limit", "0")]
    [InlineData("papers", "list", "--limit", "abc")]
    [InlineData("papers", "list", "--offset", "-5")]
    [InlineData("daily", "--limit", "0")]
    [InlineData("search", "x", "--weight", "abc")]
    [InlineData("search", "x", "--limit", "abc")]
    [InlineData("import", "x", "--batch-size", "0")]
    [InlineData("import", "x", "--batch-size", "abc")]
    [InlineData("export", "--format", "csv")]
    [InlineData("import", "x.jsonl", "--stirct")]
    [InlineData("vectors", "import", "--bogus")]
    public void Usage_errors_exit_with_2_and_say_what_was_wrong(params string[] arguments)
    {
        var result = Paperboy(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("paperboy: ", result.Error);
        Assert.DoesNotContain("Unhandled exception", result.Error);
    }

    [Theory]
    [InlineData("query-id\tcorpus-id\tscore\n", "no relevance judgments in it")]
    [InlineData("query-id\tcorpus-id\tscore\n7\td1\t1\n", "judges 1 queries that --queries")]
    public void Eval_refuses_judgments_it_cannot_score_before_reading_the_corpus(string qrels, string reason)
    {
        var qrelsFile = Path.Combine(_data.Path, "qrels.tsv");
        var queriesFile = Path.Combine(_data.Path, "queries.jsonl");
        File.WriteAllText(qrelsFile, qrels);
        File.WriteAllText(queriesFile, "{\"_id\": \"1\", \"text\": \"a claim\"}\n");
        File.WriteAllText(Path.Combine(_data.Path, "corpus.jsonl"), "{\"_id\": \"d1\", \"title\": \"A title\", \"text\": \"A text.\"}\n");

        var result = Paperboy("eval", "--corpus", _data.Path, "--queries", queriesFile, "--qrels", qrelsFile, "--embedder", "hashing");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.Error);
    }

    [Theory]
    [InlineData("paperboy: --limit takes a whole number, not 'abc'", "papers", "list", "--limit", "abc")]
    [InlineData("paperboy: --sort takes one of Upvotes, Newest, Id, not 'votes'", "papers", "list", "--sort", "votes")]
    [InlineData("paperboy: --date takes a day, yyyy-MM-dd, not '2026-02-30'", "daily", "--date", "2026-02-30")]
    public void A_value_of_the_wrong_form_is_named_with_the_form_expected(string message, params string[] arguments)
    {
        var result = Paperboy(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message + "\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("stats")]
    [InlineData("papers", "list")]
    [InlineData("export")]
    [InlineData("search", "graph")]
    [InlineData("related", "2401.00001")]
    [InlineData("index", "--embedder", "none")]
    public void A_command_that_only_reads_refuses_a_data_directory_without_a_store(params string[] arguments)
    {
        var typo = Path.Combine(_data.Path, "typo");

        var result = Paperboy(["--data", typo, .. arguments]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"paperboy: {typo}: no Paperboy store here", result.Error);
        Assert.False(Directory.Exists(typo));
    }

    [Fact]
    public void Papers_list_without_options_lists_the_most_upvoted()
    {
        Paperboy("import", "--demo");

        var listed = Paperboy("papers", "list", "--json");

        Assert.Equal(0, listed.ExitCode);
        Assert.Equal(20, listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_file_that_cannot_be_written_or_a_bad_setting_is_a_message_not_a_crash()
    {
        var one = Path.Combine(_data.Path, "one.jsonl");
        File.WriteAllText(one, "{\"id\": \"2401.00001\", \"title\": \"Good\"}\n");
        Assert.Equal(0, Paperboy("import", one).ExitCode);

        var export = Paperboy("export", "-o", Path.Combine(_data.Path, "no", "such", "folder", "out.jsonl"));
        var submit = PaperboyProcess.RunWith(new Dictionary<string, string> { ["PAPERBOY_ARXIV_API"] = "not-a-url" }, "--data", _data.Path, "submit", "2401.00001", "--user", "ada");

        Assert.Equal(1, export.ExitCode);
        Assert.StartsWith("paperboy: Could not find a part of the path", export.Error);
        Assert.Equal(2, submit.ExitCode);
        Assert.StartsWith("paperboy: PAPERBOY_ARXIV_API must be an http or https URL", submit.Error);
        Assert.DoesNotContain("Unhandled exception", export.Error + submit.Error);
    }

    [Fact]
    public void A_file_of_no_known_format_in_a_folder_is_reported_and_the_other_files_are_imported()
    {
        var folder = Path.Combine(_data.Path, "inputs");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.jsonl"), "{\"id\": \"2401.00001\", \"title\": \"Good\"}\n");
        File.WriteAllText(Path.Combine(folder, "README.txt"), "These are the papers of the reading group.\n");

        var result = Paperboy("--data", Path.Combine(_data.Path, "store"), "import", folder, "--json");

        Assert.Equal(1, result.ExitCode);
        using var report = JsonDocument.Parse(result.Output);
        Assert.Equal(1, report.RootElement.GetProperty("new").GetInt32());
        Assert.Contains("README.txt: its format is not recognised", report.RootElement.GetProperty("failed_inputs")[0].GetString());
    }

    [Fact]
    public void A_missing_file_exits_with_1_naming_it()
    {
        var result = Paperboy("import", "/no/such/file.jsonl");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/no/such/file.jsonl: no such file or directory", result.Error);
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error_listing_the_formats()
    {
        var result = Paperboy("import", SharedData.Require("hf-search-pages"), "--format", "csv");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown format \"csv\"; expected one of: arxiv-snapshot", result.Error);
    }

    [Fact]
    public void Strict_import_stops_at_the_first_bad_record_with_exit_code_1()
    {
        var file = Path.Combine(_data.Path, "bad.jsonl");
        File.WriteAllText(file, "{\"id\": \"2401.00001\", \"title\": \"Good\"}\n{\"id\": \"2401.00002\", \"title\": \n{\"id\": \"2401.00003\", \"title\": \"Never read\"}\n");

        var lenient = Paperboy("--data", Path.Combine(_data.Path, "lenient"), "import", file, "--json");
        var strict = Paperboy("import", file, "--strict");
        var strictJson = Paperboy("--data", Path.Combine(_data.Path, "strict-json"), "import", file, "--strict", "--json");

        Assert.Equal(0, lenient.ExitCode);
        Assert.Equal(1, JsonDocument.Parse(lenient.Output).RootElement.GetProperty("skipped").GetInt32());
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(lenient.Output).RootElement.GetProperty("stopped_at").ValueKind);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("paperboy: stopped at ", strict.Error);
        Assert.Contains("bad.jsonl:2: not valid JSON", strict.Error);
        Assert.Contains("stopped 1 papers", strict.Output);
        Assert.Equal(1, strictJson.ExitCode);
        var summary = JsonDocument.Parse(strictJson.Output).RootElement;
        Assert.Equal(1, summary.GetProperty("new").GetInt32());
        Assert.Contains("bad.jsonl:2: not valid JSON", summary.GetProperty("stopped_at").GetString());
        Assert.Equal(1, JsonDocument.Parse(Paperboy("stats", "--json").Output).RootElement.GetProperty("papers").GetInt32());
    }

    [Fact]
    public void Show_finds_a_paper_by_arxiv_url_and_an_unknown_id_exits_with_1()
    {
        Paperboy("import", "--demo");
        var id = JsonDocument.Parse(Paperboy("papers", "list", "--limit", "1", "--date", "2026-07-01", "--json").Output).RootElement.GetProperty("id").GetString()!;

        var shown = Paperboy("papers", "show", $"https://arxiv.org/abs/{id}v1");
        var missing = Paperboy("papers", "show", "9999.99999");

        Assert.Equal(0, shown.ExitCode);
        Assert.Contains($"https://arxiv.org/abs/{id}", shown.Output);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no paper with id \"9999.99999\"", missing.Error);
    }

    [Fact]
    public void Export_round_trips_through_import_and_writes_bibtex()
    {
        Paperboy("import", "--demo");
        var exported = Path.Combine(_data.Path, "all.jsonl.gz");
        Paperboy("export", "-o", exported);
        var copy = Path.Combine(_data.Path, "copy");

        var reimport = Paperboy("--data", copy, "import", exported, "--json");
        var bibtex = Paperboy("export", "--format", "bibtex").Output;

        Assert.Equal(0, reimport.ExitCode);
        Assert.Equal(Paperboy("export").Output, Paperboy("--data", copy, "export").Output.Replace("\"paperboy-jsonl\"", "\"x\""), new SourcesIgnored());
        Assert.Contains("archivePrefix = {arXiv}", bibtex);
        Assert.Contains("eprint = {", bibtex);
    }

    private PaperboyProcess.Result Paperboy(params string[] arguments) =>
        PaperboyProcess.Run(arguments.Contains("--data") ? arguments : ["--data", _data.Path, .. arguments]);

    /// <summary>Compares exports line by line, ignoring field provenance (a re-import records the export as the source).</summary>
    private sealed class SourcesIgnored : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => Strip(x) == Strip(y);

        public int GetHashCode(string obj) => Strip(obj).GetHashCode(StringComparison.Ordinal);

        private static string Strip(string? export) => string.Join('\n', (export ?? "").Split('\n').Select(line => line.Split(",\"sources\":")[0]));
    }
}
