using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Submissions;
using Paperboy.Web.Accounts;
using Paperboy.Web.Library;

namespace Paperboy.Web.Submissions;

/// <summary><c>/submit</c>: put a paper on today's curated list by arXiv id or URL.</summary>
[Authorize(AuthenticationSchemes = SiteUser.CookieScheme)]
[EnableRateLimiting(SubmissionRateLimit.Policy)]
public sealed class SubmitPageModel(PaperSubmissions submissions, PaperLibrary library) : PageModel
{
    [BindProperty]
    public string? Paper { get; set; }

    public SubmissionOutcome? Outcome { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellation)
    {
        var attempt = await SubmissionAttempt.RunAsync(submissions, library, Paper, User.UserId()!.Value, cancellation);
        Outcome = attempt.Outcome;
        Problem = attempt.Outcome is null ? attempt.Problem : null;
        Response.StatusCode = attempt.Outcome is null ? attempt.Status : StatusCodes.Status200OK;
        return Page();
    }
}
