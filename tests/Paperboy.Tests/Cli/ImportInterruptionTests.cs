using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Paperboy.Ingest;
using Paperboy.Store.Sqlite;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Cli;

/// <summary>An import killed part-way leaves whole batches behind, and a rerun completes it with nothing twice.</summary>
/// <remarks>
/// Runs alone: with the whole suite running beside it, a SIGINT sent to the child was seen to have no effect (the
/// import ran to its end), while the same test alone passed; running the interruptions by themselves keeps the test
/// about the importer.
/// </remarks>
[Collection(ProcessSignals.Collection)]
public sealed class ImportInterruptionTests : IDisposable
{
    private const int BatchSize = 100;

    // The 75k sample takes seconds to import, so an interruption sent after a few batches always lands mid-way.
    private const string Sample = "arxiv/arxiv-metadata-75k.jsonl.gz";
    private const int SamplePapers = 74_728;
    private readonly TempDirectory _data = new();

    [Fact]
    public void A_killed_import_keeps_whole_batches_and_a_rerun_completes_it()
    {
        var file = SharedData.Require(Sample);
        var stored = InterruptImport(file, process => process.Kill());

        Assert.Equal(0, stored % BatchSize);
        AssertRerunCompletes(file, stored);
    }

    [Fact]
    public void Ctrl_c_stops_between_batches_with_exit_code_130_and_a_rerun_completes_it()
    {
        var file = SharedData.Require(Sample);
        var exitCode = 0;
        var stored = InterruptImport(file, process =>
        {
            using var interrupt = Process.Start("kill", ["-INT", process.Id.ToString()]);
            interrupt.WaitForExit();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "paperboy did not stop within 30 s of SIGINT");
            exitCode = process.ExitCode;
        });

        Assert.Equal(130, exitCode);
        Assert.Equal(0, stored % BatchSize);
        AssertRerunCompletes(file, stored);
    }

    public void Dispose() => _data.Dispose();

    /// <summary>Starts an import, interrupts it once some batches are committed, and returns how many papers it left.</summary>
    private long InterruptImport(string file, Action<Process> interrupt)
    {
        using var import = PaperboyProcess.StartAsFromTerminal("--data", _data.Path, "import", file, "--batch-size", BatchSize.ToString());
        var clock = Stopwatch.StartNew();
        while (Count() < 4 * BatchSize)
        {
            Assert.False(import.HasExited, "the import finished before it could be interrupted");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "the import committed nothing within a minute");
            Thread.Sleep(5);
        }

        Assert.False(import.HasExited, "the import finished before it could be interrupted");

        interrupt(import);
        import.WaitForExit();
        var stored = Count();
        Assert.InRange(stored, 4 * BatchSize, SamplePapers - 1);
        return stored;
    }

    private void AssertRerunCompletes(string file, long stored)
    {
        var rerun = PaperboyProcess.Run("--data", _data.Path, "import", file, "--json");

        Assert.Equal(0, rerun.ExitCode);
        using var summary = JsonDocument.Parse(rerun.Output);
        Assert.Equal(SamplePapers - stored, summary.RootElement.GetProperty("new").GetInt32());
        Assert.Equal(stored, summary.RootElement.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, summary.RootElement.GetProperty("changed").GetInt32());

        using var store = SqlitePaperStore.Open(_data.Path);
        var expected = ImportInput.Open(file, null);
        using var stream = expected.OpenForReading(out _);
        var ids = expected.Reader.Read(stream, file).Select(e => e.Record!.PaperId).Order(StringComparer.Ordinal);
        Assert.Equal(ids, store.ExportAll().Select(p => p.Id));
    }

    private long Count()
    {
        if (!File.Exists(Path.Combine(_data.Path, "paperboy.db")))
        {
            return 0;
        }

        // A plain read-only connection: opening the store would take the write lock to check its schema, and could wait
        // out the import's back-to-back batches until the import had finished.
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "paperboy.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'papers'";
        if ((long)command.ExecuteScalar()! == 0)
        {
            return 0;
        }

        command.CommandText = "SELECT count(*) FROM papers";
        return (long)command.ExecuteScalar()!;
    }
}

/// <summary>Tests that send signals to child processes, run apart from the rest of the suite.</summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class ProcessSignals
{
    public const string Collection = "process signals";
}
