using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paperboy.Papers;
using Paperboy.Votes;
using Paperboy.Web.Accounts;
using Paperboy.Web.Api;
using Paperboy.Web.Library;

namespace Paperboy.Web.Votes;

/// <summary>Upvoting: the JSON API (cookie or API token) and the plain form post behind every upvote button.</summary>
public static class VoteEndpoints
{
    /// <summary>Where upvote buttons post (the paper's id and add/remove are form fields, so that ids with a slash need no route of their own).</summary>
    public const string FormPath = "/votes";

    public static IEndpointRouteBuilder MapVotes(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/papers").WithTags("Votes");
        api.MapPost($"/{PapersApi.IdRoute}/upvote", (string id, HttpContext http, IVoteStore votes, PaperLibrary library, IAntiforgery antiforgery, TimeProvider clock) =>
                Vote(id, true, http, votes, library, antiforgery, clock))
            .WithSummary("Upvote a paper")
            .WithDescription("Authenticated by the sign-in cookie (with the antiforgery token in the RequestVerificationToken header) or by 'Authorization: Bearer <token>'. Voting twice changes nothing. Returns the paper's upvotes now.");
        api.MapDelete($"/{PapersApi.IdRoute}/upvote", (string id, HttpContext http, IVoteStore votes, PaperLibrary library, IAntiforgery antiforgery, TimeProvider clock) =>
                Vote(id, false, http, votes, library, antiforgery, clock))
            .WithSummary("Take back an upvote")
            .WithDescription("As POST; taking back a vote never cast changes nothing.");
        api.MapPost($"/{PapersApi.OldIdRoute}/upvote", (string archive, string number, HttpContext http, IVoteStore votes, PaperLibrary library, IAntiforgery antiforgery, TimeProvider clock) =>
            Vote($"{archive}/{number}", true, http, votes, library, antiforgery, clock)).ExcludeFromDescription();
        api.MapDelete($"/{PapersApi.OldIdRoute}/upvote", (string archive, string number, HttpContext http, IVoteStore votes, PaperLibrary library, IAntiforgery antiforgery, TimeProvider clock) =>
            Vote($"{archive}/{number}", false, http, votes, library, antiforgery, clock)).ExcludeFromDescription();
        routes.MapPost(FormPath, VoteByForm).ExcludeFromDescription();
        return routes;
    }

    internal static async Task<Results<Ok<ApiVote>, ProblemHttpResult>> Vote(
        string id, bool upvote, HttpContext http, IVoteStore votes, PaperLibrary library, IAntiforgery antiforgery, TimeProvider clock)
    {
        if (http.User.UserId() is not { } userId)
        {
            return SignInRequired();
        }

        if (http.User.ViaCookie() && !await antiforgery.HasValidTokenAsync(http))
        {
            return MissingAntiforgery();
        }

        id = ArxivId.StoreKey(id);
        var outcome = upvote ? votes.Upvote(userId, id, clock.GetUtcNow()) : votes.RemoveUpvote(userId, id);
        if (!outcome.PaperFound)
        {
            return TypedResults.Problem(detail: $"No paper has the id '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Paper not found");
        }

        Follow(library, outcome);
        return TypedResults.Ok(new ApiVote(id, outcome.Upvoted, outcome.Upvotes));
    }

    /// <summary>The upvote button's post: redirects back (or answers JSON to the page's script); anonymous voters are sent to sign in.</summary>
    private static async Task<IResult> VoteByForm(HttpContext http, IVoteStore votes, PaperLibrary library, IAntiforgery antiforgery, TimeProvider clock)
    {
        if (!http.Request.HasFormContentType)
        {
            return TypedResults.Problem(detail: "Post the upvote button's form (application/x-www-form-urlencoded).", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not a form");
        }

        if (!await antiforgery.HasValidTokenAsync(http))
        {
            return MissingAntiforgery();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var back = AccountPages.SafeReturnUrl(form["returnUrl"]);
        if (http.User.UserId() is not { } userId)
        {
            return TypedResults.Redirect($"/account/sign-in?returnUrl={Uri.EscapeDataString(back)}");
        }

        if (string.IsNullOrWhiteSpace(form["paper"]))
        {
            return TypedResults.Problem(detail: "The form names no paper: send its id in the field 'paper'.", statusCode: StatusCodes.Status400BadRequest, title: "No paper");
        }

        var id = ArxivId.StoreKey(form["paper"].ToString());
        var upvote = form["vote"].ToString() != "remove";
        var outcome = upvote ? votes.Upvote(userId, id, clock.GetUtcNow()) : votes.RemoveUpvote(userId, id);
        if (!outcome.PaperFound)
        {
            return TypedResults.Problem(detail: $"No paper has the id '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Paper not found");
        }

        Follow(library, outcome);
        var wantsJson = http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        return wantsJson ? TypedResults.Ok(new ApiVote(id, outcome.Upvoted, outcome.Upvotes)) : TypedResults.Redirect(back);
    }

    /// <summary>A vote changed the paper: the keyword index (and with it the pages' cached models) catch up at once, so a reload shows it.</summary>
    private static void Follow(PaperLibrary library, VoteOutcome outcome)
    {
        if (outcome.Changed)
        {
            library.CatchUp();
        }
    }

    internal static ProblemHttpResult SignInRequired() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Sign-in required",
        detail: "Send the sign-in cookie or 'Authorization: Bearer <token>' with a personal API token from the account page.");

    internal static ProblemHttpResult MissingAntiforgery() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Antiforgery token missing or invalid",
        detail: "A request signed in by cookie must carry the page's antiforgery token (the __RequestVerificationToken form field or the RequestVerificationToken header); API clients can use a bearer token instead.");
}

/// <summary>A paper's vote state for the current user, as the API returns it.</summary>
public sealed record ApiVote(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("upvoted")] bool Upvoted,
    [property: JsonPropertyName("upvotes")] int Upvotes);
