using System.Globalization;
using Paperboy.Papers;

namespace Paperboy.Submissions;

/// <summary>Reads what a person pastes to submit a paper: an arXiv id (any version), <c>arXiv:</c> id or arxiv.org URL.</summary>
public static class ArxivSubmissionId
{
    public const string Examples = "2212.09525, 2212.09525v2, arXiv:2212.09525, https://arxiv.org/abs/2212.09525 or hep-th/9901001";

    /// <summary>The arXiv id (without version) in <paramref name="text"/>.</summary>
    /// <exception cref="SubmissionException">The text is not an id or URL, or names a month that does not exist.</exception>
    public static string Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new SubmissionException(SubmissionProblem.MalformedId, $"an arXiv id or URL is required, e.g. {Examples}");
        }

        if (!ArxivId.TryParse(trimmed, out var id, out _))
        {
            throw new SubmissionException(SubmissionProblem.MalformedId, $"'{trimmed}' is not an arXiv id or arXiv URL; expected e.g. {Examples}");
        }

        if (ModernProblem(id) is { } problem)
        {
            throw new SubmissionException(SubmissionProblem.MalformedId, $"'{trimmed}' is not an arXiv id: {problem}");
        }

        return id;
    }

    /// <summary>What is wrong with a <c>yymm.number</c> id that has the right shape: the month, or the digits for its era.</summary>
    private static string? ModernProblem(string id)
    {
        if (id.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var year = int.Parse(id.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var month = int.Parse(id.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var digits = id.Length - 5;
        if (month is < 1 or > 12)
        {
            return $"month {id[2..4]} in '{id[..4]}' does not exist (yymm: two digits of the year, two of the month)";
        }

        if (year < 7 || (year == 7 && month < 4))
        {
            return $"ids of the form yymm.nnnn begin in April 2007 ({id[..4]} is earlier); older papers have ids like hep-th/9901001";
        }

        // arXiv went from 4 to 5 digits after the dot with 1501.
        return (year >= 15, digits) switch
        {
            (true, 4) => $"ids from 2015 on have 5 digits after the dot ({id} has 4)",
            (false, 5) => $"ids before 2015 have 4 digits after the dot ({id} has 5)",
            _ => null,
        };
    }
}
