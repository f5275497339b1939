using System.Diagnostics;
using Paperboy.Search.Embeddings;
using Spectre.Console;

namespace Paperboy.Cli.Terminal;

/// <summary>Shows embedding progress: a bar with papers/s and ETA at a terminal, a log line every few seconds elsewhere.</summary>
internal static class EmbeddingProgressView
{
    private static readonly TimeSpan _logInterval = TimeSpan.FromSeconds(3);

    public static EmbeddingRunSummary Run(string title, bool quiet, Func<IProgress<EmbeddingProgress>?, EmbeddingRunSummary> embed)
    {
        if (quiet)
        {
            return embed(null);
        }

        if (!PaperboyCommandLine.Interactive)
        {
            return embed(new LogLines(title));
        }

        EmbeddingRunSummary? summary = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                summary = embed(new Bar(task, title));
                task.Value = task.MaxValue;
            });
        return summary!;
    }

    private static string Describe(string title, EmbeddingProgress value) =>
        $"{title}: {value.Embedded:N0} embedded, {value.Remaining:N0} to go, {value.PapersPerSecond:N1} papers/s";

    private sealed class Bar(ProgressTask task, string title) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value)
        {
            task.MaxValue = Math.Max(1, value.Embedded + value.Remaining);
            task.Value = value.Embedded;
            task.Description = Markup.Escape(Describe(title, value));
        }
    }

    private sealed class LogLines(string title) : IProgress<EmbeddingProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _lastLine = TimeSpan.Zero;

        public void Report(EmbeddingProgress value)
        {
            if (_clock.Elapsed - _lastLine < _logInterval && value.Remaining > 0)
            {
                return;
            }

            _lastLine = _clock.Elapsed;
            var eta = value.Eta is { } left ? $", ETA {left:hh\\:mm\\:ss}" : "";
            Console.Error.WriteLine(Describe(title, value) + eta);
        }
    }
}
