using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Paperboy.Web.Api;

/// <summary>RFC 7807 problem details for the API: each bad parameter named in <c>errors</c> and in the detail line.</summary>
public static class ApiProblems
{
    public static ValidationProblem BadParameter(string parameter, string error) => BadParameters([(parameter, error)]);

    public static ValidationProblem BadParameters(IReadOnlyList<(string Parameter, string Error)> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Parameter).ToDictionary(g => g.Key, g => g.Select(e => e.Error).ToArray()),
            detail: string.Join("; ", errors.Select(e => $"{e.Parameter}: {e.Error}")),
            title: $"Bad parameter{(errors.Count == 1 ? "" : "s")}: {string.Join(", ", errors.Select(e => e.Parameter).Distinct())}");
    }

    public static ProblemHttpResult PaperNotFound(string id) => TypedResults.Problem(
        detail: $"No paper has the id '{id}'.",
        statusCode: StatusCodes.Status404NotFound,
        title: "Paper not found");
}
