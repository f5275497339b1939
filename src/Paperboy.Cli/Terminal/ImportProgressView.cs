using System.Diagnostics;
using Paperboy.Ingest;
using Spectre.Console;

namespace Paperboy.Cli.Terminal;

/// <summary>Shows import progress: a Spectre.Console bar with rate and ETA at a terminal, plain log lines elsewhere.</summary>
internal static class ImportProgressView
{
    private static readonly TimeSpan _logInterval = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="import"/>, showing the progress it reports; <paramref name="quiet"/> shows nothing.</summary>
    public static ImportReport Run(string title, bool quiet, Func<IProgress<ImportProgress>?, ImportReport> import)
    {
        if (quiet)
        {
            return import(null);
        }

        if (!PaperboyCommandLine.Interactive)
        {
            return import(new LogLines(title));
        }

        ImportReport? report = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                report = import(new Bar(task));
                task.Value = task.MaxValue;
            });
        return report!;
    }

    /// <summary>Feeds a progress bar: bytes read drive the bar (and so the ETA), records per second the label.</summary>
    private sealed class Bar(ProgressTask task) : IProgress<ImportProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public void Report(ImportProgress value)
        {
            if (value.BytesTotal > 0)
            {
                task.MaxValue = value.BytesTotal;
                task.Value = value.BytesRead;
            }
            else
            {
                task.IsIndeterminate = true;
            }

            task.Description = Markup.Escape($"{Path.GetFileName(value.Input)}: {value.Records:N0} papers, {Rate(value.Records, _clock.Elapsed)}/s, {value.Skipped:N0} skipped");
        }
    }

    /// <summary>Writes a line every couple of seconds, for logs and pipes.</summary>
    private sealed class LogLines(string title) : IProgress<ImportProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _lastLine = TimeSpan.Zero;

        public void Report(ImportProgress value)
        {
            var now = _clock.Elapsed;
            if (now - _lastLine < _logInterval)
            {
                return;
            }

            _lastLine = now;
            var share = value.BytesTotal > 0 ? (double)value.BytesRead / value.BytesTotal : 0;
            var eta = share > 0 ? TimeSpan.FromSeconds(now.TotalSeconds * (1 - share) / share) : (TimeSpan?)null;
            var position = value.BytesTotal > 0 ? $", {share:P0}, ETA {eta:hh\\:mm\\:ss}" : "";
            Console.Error.WriteLine($"{title}: {value.Records:N0} papers ({Rate(value.Records, now)}/s), {value.Skipped:N0} skipped{position} [{Path.GetFileName(value.Input)}]");
        }
    }

    private static string Rate(int records, TimeSpan elapsed) => (records / Math.Max(elapsed.TotalSeconds, 0.001)).ToString("N0");
}
