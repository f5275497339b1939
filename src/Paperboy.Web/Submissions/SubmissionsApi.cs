using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paperboy.Harvest;
using Paperboy.Ingest;
using Paperboy.Submissions;
using Paperboy.Web.Accounts;
using Paperboy.Web.Library;
using Paperboy.Web.Votes;

namespace Paperboy.Web.Submissions;

/// <summary><c>POST /api/papers/submit</c>: a signed-in user puts a paper on today's curated list by arXiv id or URL.</summary>
public static class SubmissionsApi
{
    public static IEndpointRouteBuilder MapSubmissionsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/papers/submit", Submit)
            .RequireRateLimiting(SubmissionRateLimit.Policy)
            .Accepts<SubmitRequest>("application/json")
            .WithTags("Submissions")
            .WithSummary("Submit a paper by arXiv id or URL")
            .WithDescription("Body: {\"paper\": \"2212.09525\"} (an id, arXiv:id, or arxiv.org abs/pdf URL). Fetches the metadata from the arXiv API when the site lacks it. 201 with the submission; 200 when the paper was already submitted (the first submission stands); 400 for a malformed id, 404 for an id arXiv does not know, 502 when arXiv cannot be reached.");
        return routes;
    }

    private const string Example = "{\"paper\": \"2212.09525\"}";

    /// <remarks>
    /// The body is read after the sign-in check, so that an anonymous request is a 401 whatever its JSON; a body that is
    /// not JSON at all is refused by routing first (415, as the endpoint accepts only application/json).
    /// </remarks>
    internal static async Task<Results<Created<ApiSubmission>, Ok<ApiSubmission>, ProblemHttpResult>> Submit(
        HttpContext http, PaperSubmissions submissions, PaperLibrary library, IAntiforgery antiforgery)
    {
        if (http.User.UserId() is not { } userId)
        {
            return VoteEndpoints.SignInRequired();
        }

        if (http.User.ViaCookie() && !await antiforgery.HasValidTokenAsync(http))
        {
            return VoteEndpoints.MissingAntiforgery();
        }

        SubmitRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<SubmitRequest>(http.RequestAborted);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(title: "Unreadable body", detail: $"The body is not the JSON this takes, e.g. {Example}: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
        }

        var attempt = await SubmissionAttempt.RunAsync(submissions, library, request?.Paper, userId, http.RequestAborted);
        if (attempt.Outcome is not { } outcome)
        {
            return TypedResults.Problem(title: attempt.Title, detail: attempt.Problem, statusCode: attempt.Status);
        }

        var body = ApiSubmission.From(outcome);
        return outcome.AlreadySubmitted ? TypedResults.Ok(body) : TypedResults.Created($"/api/papers/{outcome.Paper.Id}", body);
    }
}

/// <summary>The body of <c>POST /api/papers/submit</c>.</summary>
public sealed record SubmitRequest([property: JsonPropertyName("paper")] string? Paper);

/// <summary>A submission as the API returns it.</summary>
public sealed record ApiSubmission(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("submittedBy")] string SubmittedBy,
    [property: JsonPropertyName("submittedOn")] DateOnly SubmittedOn,
    [property: JsonPropertyName("alreadySubmitted")] bool AlreadySubmitted,
    [property: JsonPropertyName("upvotes")] int Upvotes)
{
    public static ApiSubmission From(SubmissionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new(outcome.Paper.Id, outcome.Paper.Title, outcome.Submission.UserName, outcome.Submission.Day, outcome.AlreadySubmitted, outcome.Paper.Upvotes);
    }
}

/// <summary>One submission from the page or the API, with failures turned into a status and a message for the person.</summary>
internal sealed record SubmissionAttempt(SubmissionOutcome? Outcome, int Status, string Title, string Problem)
{
    public static async Task<SubmissionAttempt> RunAsync(PaperSubmissions submissions, PaperLibrary library, string? paper, long userId, CancellationToken cancellation)
    {
        try
        {
            var outcome = await submissions.SubmitAsync(paper, userId, cancellation);
            library.CatchUp(cancellation);
            return new SubmissionAttempt(outcome, StatusCodes.Status201Created, "", "");
        }
        catch (SubmissionException e) when (e.Problem == SubmissionProblem.MalformedId)
        {
            return new SubmissionAttempt(null, StatusCodes.Status400BadRequest, "Not an arXiv id", e.Message);
        }
        catch (SubmissionException e)
        {
            return new SubmissionAttempt(null, StatusCodes.Status404NotFound, "Unknown arXiv id", e.Message);
        }
        catch (Exception e) when (e is HarvestException or InputException)
        {
            return new SubmissionAttempt(null, StatusCodes.Status502BadGateway, "arXiv did not answer usefully", $"Could not fetch the paper from arXiv: {e.Message}");
        }
    }
}
