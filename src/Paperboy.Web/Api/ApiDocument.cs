using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Paperboy.Web.Api;

/// <summary>
/// Completes the OpenAPI document where the endpoints' own metadata cannot: the bearer-token scheme and which operations
/// need it, the errors every operation can answer, the integer and enum parameters the handlers read as text (to name a
/// bad one in a 400), the import's request body, and the response fields that are left out rather than null.
/// </summary>
internal static class ApiDocument
{
    public const string BearerScheme = "bearer";

    private const string ProblemType = "application/problem+json";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Paperboy API";
            document.Info.Description = "Daily papers, search, papers and related papers, in shapes close to Hugging Face's papers API. "
                + "Writes (upvotes, submissions, admin imports and deletions) take a personal API token from the account page as "
                + "'Authorization: Bearer <token>', or the sign-in cookie with the page's antiforgery token.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal API token (pbt_...) created on the account page.",
            };
            foreach (var (path, item) in document.Paths)
            {
                foreach (var (method, operation) in item.Operations ?? [])
                {
                    Complete(document, path, method, operation);
                }
            }

            OmittedFieldsAreOptional(document);
            return Task.CompletedTask;
        });
    }

    private static void Complete(OpenApiDocument document, string path, HttpMethod method, OpenApiOperation operation)
    {
        var writes = method != HttpMethod.Get && path.StartsWith("/api/", StringComparison.Ordinal);
        var admin = path == "/api/papers/import" || (method == HttpMethod.Delete && path == "/api/papers/{id}");
        if (writes)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
            Problem(operation, "400", "A bad parameter or body, or a cookie request without its antiforgery token.");
            Problem(operation, "401", "No sign-in cookie and no valid bearer token.");
        }

        if (admin)
        {
            Problem(operation, "403", "The user is not an admin of this site.");
        }

        if (path.Contains("{id}", StringComparison.Ordinal))
        {
            Problem(operation, "404", "No paper has that id.");
        }

        switch (path)
        {
            case "/api/papers/search":
                Problem(operation, "429", "Too many searches from this address; the Retry-After header says when to retry.");
                Problem(operation, "503", "The keyword index was found damaged and is being rebuilt from the store; retry after Retry-After.");
                break;
            case "/api/papers/import":
                Problem(operation, "413", "The file is larger than the site's import limit.");
                operation.RequestBody = ImportBody();
                break;
            case "/api/papers/submit":
                Problem(operation, "404", "arXiv has no paper with that id.");
                Problem(operation, "502", "arXiv could not be reached or answered with an error.");
                break;
            case "/healthz":
                operation.Responses ??= [];
                operation.Responses["503"] = new OpenApiResponse { Description = "The store cannot be read; the body says why." };
                break;
        }

        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter typed)
            {
                Describe(path, typed);
            }
        }
    }

    /// <summary>Types and bounds of the query parameters that the handlers read as text.</summary>
    private static void Describe(string path, OpenApiParameter parameter)
    {
        (parameter.Schema, parameter.Description) = (path, parameter.Name) switch
        {
            ("/api/daily_papers", "p") => (Integer(0, null), "The page, from 0."),
            ("/api/daily_papers", "limit") => (Integer(1, PapersApi.MaxLimit), $"Papers a page, 1-{PapersApi.MaxLimit} (default {PapersApi.DefaultLimit})."),
            ("/api/daily_papers", "sort") => (Enumeration("publishedAt", "trending"), "publishedAt (newest first, the default) or trending."),
            ("/api/daily_papers", "date") => (Text("date"), "A listing day, yyyy-MM-dd."),
            ("/api/daily_papers", "week") => (Text(null), "An ISO week, yyyy-Www (e.g. 2026-W48)."),
            ("/api/daily_papers", "month") => (Text(null), "A month, yyyy-MM."),
            ("/api/papers/search", "limit") => (Integer(1, PapersApi.MaxLimit), $"Results, 1-{PapersApi.MaxLimit} (default {PapersApi.DefaultLimit})."),
            ("/api/papers/{id}/related", "limit") => (Integer(1, Papers.PaperViews.RelatedCount), $"Related papers, 1-{Papers.PaperViews.RelatedCount} (the default)."),
            _ => (parameter.Schema, parameter.Description),
        };
    }

    private static OpenApiSchema Integer(int? minimum, int? maximum) => new()
    {
        Type = JsonSchemaType.Integer,
        Minimum = minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static OpenApiSchema Enumeration(params string[] values) => new() { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] };

    private static OpenApiSchema Text(string? format) => new() { Type = JsonSchemaType.String, Format = format };

    private static OpenApiRequestBody ImportBody() => new()
    {
        Required = true,
        Description = "The file itself as the body, or a multipart form with the file in a field named 'file'.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "file" },
                    Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                },
            },
        },
    };

    private static void Problem(OpenApiOperation operation, string status, string description)
    {
        operation.Responses ??= [];
        if (!operation.Responses.ContainsKey(status))
        {
            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { [ProblemType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } } },
            };
        }
    }

    /// <summary>Fields written only when they have a value (arXiv links of arXiv papers, the trending score of a trending list) are not required.</summary>
    private static void OmittedFieldsAreOptional(OpenApiDocument document)
    {
        string[] omitted = ["arxivUrl", "pdfUrl", "trendingScore"];
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            foreach (var name in omitted)
            {
                schema.Required?.Remove(name);
            }
        }
    }
}
