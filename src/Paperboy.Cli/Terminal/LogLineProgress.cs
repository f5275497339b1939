using System.Diagnostics;

namespace Paperboy.Cli.Terminal;

/// <summary>Progress as a line on standard error every few seconds, and at the end: for logs, pipes and work without a bar.</summary>
/// <typeparam name="T">The progress report.</typeparam>
/// <param name="describe">The line for a report.</param>
/// <param name="isLast">Whether a report is the last, always written.</param>
internal sealed class LogLineProgress<T>(Func<T, string> describe, Func<T, bool> isLast) : IProgress<T>
{
    private static readonly TimeSpan _interval = TimeSpan.FromSeconds(3);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastLine = TimeSpan.Zero;

    public void Report(T value)
    {
        if (_clock.Elapsed - _lastLine < _interval && !isLast(value))
        {
            return;
        }

        _lastLine = _clock.Elapsed;
        Console.Error.WriteLine(describe(value));
    }
}
