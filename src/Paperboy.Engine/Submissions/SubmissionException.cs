namespace Paperboy.Submissions;

/// <summary>A paper cannot be submitted: its id is malformed, or arXiv does not know it. The message says which id and why.</summary>
public sealed class SubmissionException(SubmissionProblem problem, string message) : Exception(message)
{
    public SubmissionProblem Problem { get; } = problem;
}

/// <summary>Why a submission failed.</summary>
public enum SubmissionProblem
{
    /// <summary>The text is not an arXiv id or arXiv URL.</summary>
    MalformedId,

    /// <summary>The id is well formed but arXiv has no such paper.</summary>
    UnknownId,
}
