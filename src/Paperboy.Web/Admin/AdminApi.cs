using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paperboy.Ingest;
using Paperboy.Web.Accounts;
using Paperboy.Web.Api;
using Paperboy.Web.Votes;

namespace Paperboy.Web.Admin;

/// <summary>Admin-only API: <c>POST /api/papers/import</c> and <c>DELETE /api/papers/{id}</c>.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/papers").WithTags("Admin");
        api.MapPost("/import", Import)
            .WithSummary("Import a file of papers (admins)")
            .WithDescription("The body is the file itself (or a multipart form with a 'file' field): arXiv snapshot JSON Lines, OAI-PMH or Atom XML, Hugging Face JSON or page text, Paperboy JSON Lines, gzipped or not; ?format= forces a format. Returns the import report. 401 without a sign-in, 403 for a user who is not an admin.");
        api.MapDelete($"/{PapersApi.IdRoute}", (string id, HttpContext http, AdminActions admin, IAntiforgery antiforgery) => Delete(id, http, admin, antiforgery))
            .WithSummary("Delete a paper (admins)")
            .WithDescription("204 when deleted, 404 when there is no such paper. Its site votes and submission go with it.");
        api.MapDelete($"/{PapersApi.OldIdRoute}", (string archive, string number, HttpContext http, AdminActions admin, IAntiforgery antiforgery) =>
            Delete($"{archive}/{number}", http, admin, antiforgery)).ExcludeFromDescription();
        return routes;
    }

    internal static async Task<Results<Ok<ApiImportReport>, ProblemHttpResult>> Import(
        HttpContext http, AdminActions admin, AccountOptions options, IAntiforgery antiforgery, string? format)
    {
        if (await Refusal(http, antiforgery) is { } refused)
        {
            return refused;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxImportBytes;
        }

        try
        {
            if (http.Request.HasFormContentType)
            {
                IFormCollection form;
                try
                {
                    form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = options.MaxImportBytes }, http.RequestAborted);
                }
                catch (Exception e) when (e is InvalidDataException || (e is IOException && e is not BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }))
                {
                    return Bad($"The form could not be read: {e.Message} Send a multipart/form-data body with its boundary, or the file itself as the body.");
                }

                if (form.Files.GetFile("file") is not { Length: > 0 } file)
                {
                    return Bad("Send the file in the body, or as a multipart form field named 'file' (it was missing or empty).");
                }

                await using var upload = file.OpenReadStream();
                return TypedResults.Ok(ApiImportReport.From(await admin.ImportAsync(upload, file.FileName, format, http.RequestAborted)));
            }

            return TypedResults.Ok(ApiImportReport.From(await admin.ImportAsync(http.Request.Body, "request body", format, http.RequestAborted)));
        }
        catch (ArgumentException e)
        {
            return Bad(e.Message);
        }
        catch (InputException e)
        {
            return Bad(e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(title: "File too large", detail: AdminActions.TooLarge(options.MaxImportBytes), statusCode: StatusCodes.Status413PayloadTooLarge);
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, HttpContext http, AdminActions admin, IAntiforgery antiforgery)
    {
        if (await Refusal(http, antiforgery) is { } refused)
        {
            return refused;
        }

        id = Paperboy.Papers.ArxivId.StoreKey(id);
        return admin.Delete(id)
            ? TypedResults.NoContent()
            : TypedResults.Problem(detail: $"No paper has the id '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Paper not found");
    }

    /// <summary>401 for anonymous requests, 400 for a cookie request without its antiforgery token, 403 for users who are not admins.</summary>
    private static async Task<ProblemHttpResult?> Refusal(HttpContext http, IAntiforgery antiforgery)
    {
        if (http.User.UserId() is null)
        {
            return VoteEndpoints.SignInRequired();
        }

        if (http.User.ViaCookie() && !await antiforgery.HasValidTokenAsync(http))
        {
            return VoteEndpoints.MissingAntiforgery();
        }

        return http.User.IsAdmin()
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Admins only", detail: $"{http.User.Identity?.Name} is not an admin of this site; an admin can run 'paperboy users grant-admin {http.User.Identity?.Name}'.");
    }

    private static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(title: "Cannot import that", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
