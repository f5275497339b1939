using System.Security.Claims;
using Paperboy.Votes;
using Paperboy.Web.Accounts;

namespace Paperboy.Web.Votes;

/// <summary>Whether the signed-in user has upvoted a paper, for drawing its button; anonymous visitors cost no query.</summary>
public sealed class VoteStates(IVoteStore votes)
{
    public bool HasUpvoted(ClaimsPrincipal user, string paperId) =>
        user.UserId() is { } id && votes.UpvotedAmong(id, [paperId]).Count == 1;
}
