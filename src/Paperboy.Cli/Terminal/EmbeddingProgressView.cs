using Paperboy.Search.Embeddings;
using Spectre.Console;

namespace Paperboy.Cli.Terminal;

/// <summary>Shows embedding progress: a bar with papers/s and ETA at a terminal, a log line every few seconds elsewhere.</summary>
internal static class EmbeddingProgressView
{
    public static EmbeddingRunSummary Run(string title, bool quiet, Func<IProgress<EmbeddingProgress>?, EmbeddingRunSummary> embed)
    {
        if (quiet)
        {
            return embed(null);
        }

        if (!PaperboyCommandLine.Interactive)
        {
            return embed(new LogLineProgress<EmbeddingProgress>(
                value => Describe(title, value) + (value.Eta is { } left ? $", ETA {left:hh\\:mm\\:ss}" : ""),
                value => value.Remaining == 0));
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
}
