using System.Globalization;
using Paperboy.Papers;

namespace Paperboy.Web.Trending;

/// <summary>A paper's trending score and the figures it came from, so that the page can explain it.</summary>
public sealed record TrendingScore(Paper Paper, double Score, double AgeHours)
{
    /// <summary>Hours added to a paper's age, so that a paper listed a moment ago does not divide by nearly zero.</summary>
    public const double AgeOffsetHours = 2;

    /// <summary>How fast age outweighs votes: 1.5 halves a paper's score when its age (plus the offset) grows by about 59%.</summary>
    public const double Gravity = 1.5;

    /// <summary>Only papers listed within this many days of the newest listing day are scored: a bound on the work, as the decay does the ranking.</summary>
    public const int WindowDays = 365;

    /// <summary>score = upvotes / (age_hours + 2)^1.5, the age counted from 00:00 UTC of the paper's listing (or publication) day.</summary>
    public static TrendingScore Of(Paper paper, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(paper);
        var day = paper.Listed ?? paper.Published ?? DateOnly.FromDateTime(now.UtcDateTime);
        var dated = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var age = Math.Max(0, (now - dated).TotalHours);
        return new TrendingScore(paper, paper.Upvotes / Math.Pow(age + AgeOffsetHours, Gravity), age);
    }

    /// <summary>The score worked out to four significant digits, e.g. <c>40 upvotes / (24 h + 2)^1.5 = 0.3017</c>.</summary>
    public string Explanation => string.Create(
        CultureInfo.InvariantCulture,
        $"{Paper.Upvotes} upvote{(Paper.Upvotes == 1 ? "" : "s")} / ({AgeHours:0} h + {AgeOffsetHours:0})^{Gravity:0.0#} = {Score:G4}");
}
