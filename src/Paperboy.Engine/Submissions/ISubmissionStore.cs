using Paperboy.Papers;

namespace Paperboy.Submissions;

/// <summary>Where submissions are kept: which user put which paper on which day's curated list.</summary>
/// <remarks>A paper is submitted once: the first submission stands, as on Hugging Face, and later ones return it.</remarks>
public interface ISubmissionStore
{
    /// <summary>Records that <paramref name="userId"/> submitted the paper on <paramref name="day"/>, unless it was submitted before.</summary>
    /// <remarks>A new submission bumps the paper's change sequence (views cached by sequence follow); a repeated one writes nothing.</remarks>
    /// <returns>The submission that stands (the earlier one when there was one).</returns>
    /// <exception cref="ArgumentException">No paper or no user has that id.</exception>
    Submission RecordSubmission(string paperId, long userId, DateOnly day, DateTimeOffset at);

    /// <summary>The paper's submission, or null when nobody submitted it.</summary>
    Submission? FindSubmission(string paperId);

    /// <summary>Submitted papers whose submission day lies in the query's range, most upvoted first.</summary>
    IReadOnlyList<SubmittedPaper> ListSubmitted(SubmissionQuery query);

    /// <summary>How many papers were submitted on days from <paramref name="firstDay"/> to <paramref name="lastDay"/>, both included.</summary>
    int CountSubmitted(DateOnly firstDay, DateOnly lastDay);
}

/// <summary>One paper's submission: who put it on the list and when.</summary>
public sealed record Submission(string PaperId, long UserId, string UserName, DateOnly Day, DateTimeOffset Created);

/// <summary>A submitted paper with its submission, for the curated daily list.</summary>
public sealed record SubmittedPaper(Paper Paper, Submission Submission);

/// <summary>Which submitted papers to list: submission days from <see cref="From"/> to <see cref="To"/>, both included.</summary>
public sealed record SubmissionQuery(DateOnly From, DateOnly To)
{
    public int Limit { get; init; } = 50;

    public int Offset { get; init; }

    /// <summary>The papers submitted on one day.</summary>
    public static SubmissionQuery On(DateOnly day) => new(day, day);
}
