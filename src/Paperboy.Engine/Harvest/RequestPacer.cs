namespace Paperboy.Harvest;

/// <summary>Keeps requests apart: the next one waits until the previous reply has ended plus the interval (or a longer wait the server asked for).</summary>
/// <remarks>
/// Counting from the end of the reply rather than the start of the request keeps the gap the server sees at least the interval,
/// however long the reply took. Every wait (spacing, backoff, Retry-After) goes through here, so they are measured on one clock.
/// One harvest at a time: not for concurrent use.
/// </remarks>
internal sealed class RequestPacer(TimeSpan interval, TimeProvider time)
{
    // Task.Delay may wake a fraction of a millisecond early on a coarse timer; the loop re-checks against the clock.
    private static readonly TimeSpan _timerSlack = TimeSpan.FromMilliseconds(1);

    private long? _lastReplyEnded;
    private TimeSpan _wait;

    public async Task WaitTurnAsync(CancellationToken cancellation)
    {
        if (_lastReplyEnded is not { } ended)
        {
            return;
        }

        while (_wait - time.GetElapsedTime(ended) is var remaining && remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining + _timerSlack, time, cancellation);
        }
    }

    /// <summary>Marks the end of a reply (or of a failed attempt); the next request waits the interval, or <paramref name="atLeast"/> if longer.</summary>
    public void ReplyEnded(TimeSpan atLeast)
    {
        _lastReplyEnded = time.GetTimestamp();
        _wait = atLeast > interval ? atLeast : interval;
    }
}
