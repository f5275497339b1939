using System.CommandLine;
using System.Text.Json;
using Paperboy.Cli.Terminal;
using Paperboy.Demo;
using Paperboy.Ingest;
using Spectre.Console;

namespace Paperboy.Cli.Commands;

/// <summary><c>paperboy import FILE|DIR...</c>: reads papers from files into the store.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or directories to import (.gz is read as gzip)", Arity = ArgumentArity.ZeroOrMore }.RefusingUnknownOptions();
        var format = new Option<string?>("--format") { Description = $"Read every input as this format instead of detecting it: {PaperFormats.Names}" };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first bad record instead of skipping it" };
        var demo = new Option<bool>("--demo") { Description = "Import the demo corpus that ships with Paperboy" };
        var batchSize = new Option<int>("--batch-size") { Description = "Records per transaction (a crash loses at most one batch, which a rerun redoes)", DefaultValueFactory = _ => ImportOptions.DefaultBatchSize }.Within(1, int.MaxValue);
        var json = PaperboyCommandLine.Json();
        var command = new Command("import", "Import papers: arXiv snapshot JSON Lines, arXiv API Atom, OAI-PMH, Hugging Face JSON or page text")
        {
            paths, format, strict, demo, batchSize, json,
        };
        command.SetAction((parsed, cancellation) =>
        {
            var files = parsed.GetValue(paths) ?? [];
            var importDemo = parsed.GetValue(demo);
            if (files.Length == 0 && !importDemo)
            {
                throw new ArgumentException("nothing to import: give files or directories, or --demo");
            }

            using var store = PaperboyCommandLine.OpenStore(parsed);
            var options = new ImportOptions { Strict = parsed.GetValue(strict), Format = parsed.GetValue(format), BatchSize = parsed.GetValue(batchSize) };
            var inputs = ImportInput.Resolve(files, options.Format).ToList();
            if (importDemo)
            {
                inputs.Add(DemoCorpus.Input());
            }

            var importer = new PaperImporter(store, options);
            var asJson = parsed.GetValue(json);
            var report = ImportProgressView.Run("import", asJson, progress => importer.Import(inputs, progress, cancellation));
            Print(report, asJson);
            if (importDemo && !report.Cancelled)
            {
                foreach (var seeded in DemoCorpus.SeedVectors(store))
                {
                    VectorsCommand.Print(seeded, asJson: false);
                }
            }

            return Task.FromResult(ExitCode(report));
        });
        return command;
    }

    /// <summary>0 when every input was read to its end, 1 when one failed or a strict import stopped, 130 (as after SIGINT) when interrupted.</summary>
    public static int ExitCode(ImportReport report) =>
        report.Cancelled ? PaperboyCommandLine.Interrupted
        : report.FailedInputs.Count > 0 || report.StoppedAt is not null ? PaperboyCommandLine.Failure
        : PaperboyCommandLine.Ok;

    public static void Print(ImportReport report, bool asJson)
    {
        if (asJson)
        {
            Console.WriteLine(JsonSerializer.Serialize(ImportSummary.From(report), CliJson.Default.ImportSummary));
            return;
        }

        foreach (var error in report.Errors)
        {
            Console.Error.WriteLine($"skipped {error}");
        }

        if (report.Skipped > report.Errors.Count)
        {
            Console.Error.WriteLine($"... and {report.Skipped - report.Errors.Count:N0} more skipped records");
        }

        foreach (var failure in report.FailedInputs)
        {
            Console.Error.WriteLine($"failed: {failure}");
        }

        if (report.StoppedAt is { } stop)
        {
            Console.Error.WriteLine($"paperboy: stopped at {stop} (--strict); the papers before it are imported");
        }

        var rate = report.Records / Math.Max(report.Elapsed.TotalSeconds, 0.001);
        AnsiConsole.MarkupLine(
            $"{(report.Cancelled ? "[yellow]interrupted[/]" : report.StoppedAt is not null ? "[red]stopped[/]" : "[green]imported[/]")} {report.Records:N0} papers from {report.Files} file(s) in {report.Elapsed.TotalSeconds:N1} s ({rate:N0}/s): " +
            $"[bold]{report.New:N0}[/] new, [bold]{report.Changed:N0}[/] changed, {report.Unchanged:N0} unchanged, {report.Skipped:N0} skipped");
    }
}
