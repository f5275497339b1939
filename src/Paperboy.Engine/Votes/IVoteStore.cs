namespace Paperboy.Votes;

/// <summary>Where site upvotes are kept: one per user per paper, which the user can take back.</summary>
/// <remarks>
/// A vote and its effect on the paper (<see cref="Papers.Paper.Upvotes"/> and <see cref="Papers.Paper.SiteUpvotes"/>) are
/// written in one transaction, and each change bumps the paper's change sequence so that derived indexes and trending follow.
/// </remarks>
public interface IVoteStore
{
    /// <summary>Records <paramref name="userId"/>'s upvote of the paper; voting twice changes nothing.</summary>
    /// <exception cref="ArgumentException">No user has that id.</exception>
    VoteOutcome Upvote(long userId, string paperId, DateTimeOffset at);

    /// <summary>Takes back <paramref name="userId"/>'s upvote of the paper; taking back a vote never cast changes nothing.</summary>
    VoteOutcome RemoveUpvote(long userId, string paperId);

    /// <summary>Which of <paramref name="paperIds"/> the user has upvoted (for showing the buttons' state on a page of papers).</summary>
    IReadOnlySet<string> UpvotedAmong(long userId, IReadOnlyCollection<string> paperIds);

    /// <summary>The ids of papers the user upvoted, most recent vote first.</summary>
    IReadOnlyList<string> UpvotedBy(long userId, int limit);
}

/// <summary>The paper's state after a vote request.</summary>
/// <param name="PaperFound">False when no paper has the id (nothing was written).</param>
/// <param name="Changed">True when the request changed the vote (false for a repeated vote or taking back a vote never cast).</param>
/// <param name="Upvoted">Whether the user's upvote now stands.</param>
/// <param name="Upvotes">The paper's upvotes now, source and site votes together.</param>
public sealed record VoteOutcome(bool PaperFound, bool Changed, bool Upvoted, int Upvotes)
{
    public static VoteOutcome NoPaper { get; } = new(false, false, false, 0);
}
