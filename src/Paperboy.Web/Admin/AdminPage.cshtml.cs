using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperboy.Ingest;
using Paperboy.Web.Accounts;

namespace Paperboy.Web.Admin;

/// <summary><c>/admin</c>: import a file of papers and delete a paper, for the site's admins.</summary>
[Authorize(AuthenticationSchemes = SiteUser.CookieScheme, Policy = SiteUser.AdminPolicy)]
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
[ImportSizeLimit]
public sealed class AdminPageModel(AdminActions admin, AccountOptions options) : PageModel
{
    public ImportReport? Imported { get; private set; }

    public string? Problem { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, string? format, CancellationToken cancellation)
    {
        if (file is not { Length: > 0 })
        {
            return Failed("Choose a file to import.");
        }

        if (file.Length > options.MaxImportBytes)
        {
            return Failed(AdminActions.TooLarge(options.MaxImportBytes), StatusCodes.Status413PayloadTooLarge);
        }

        try
        {
            await using var upload = file.OpenReadStream();
            Imported = await admin.ImportAsync(upload, file.FileName, format, cancellation);
            return Page();
        }
        catch (Exception e) when (e is ArgumentException or InputException)
        {
            return Failed(e.Message);
        }
    }

    public IActionResult OnPostDelete(string? paper)
    {
        var id = paper is null ? null : Paperboy.Papers.ArxivId.StoreKey(paper);
        if (string.IsNullOrEmpty(id) || !admin.Delete(id))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            Problem = $"No paper has the id '{id}'.";
            return Page();
        }

        Notice = $"Deleted {id}.";
        return Page();
    }

    private PageResult Failed(string problem, int status = StatusCodes.Status400BadRequest)
    {
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }
}
