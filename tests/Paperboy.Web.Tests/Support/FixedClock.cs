namespace Paperboy.Web.Tests.Support;

/// <summary>A clock stopped at one instant, so that trending scores are known numbers.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
