using System.Text.Json.Serialization;
using Paperboy.Ingest;
using Paperboy.Web.Library;

namespace Paperboy.Web.Admin;

/// <summary>What admins do from the web: import a file of papers (any format the importers read) and delete a paper.</summary>
/// <remarks>Both catch the site's indexes up before returning, so the next page shows the change.</remarks>
public sealed class AdminActions(PaperLibrary library)
{
    /// <summary>Imports <paramref name="upload"/> (saved to a temporary file first: format detection and gzip need to read its start twice).</summary>
    /// <exception cref="ArgumentException"><paramref name="format"/> is not a format name.</exception>
    /// <exception cref="InputException">The file's format cannot be read.</exception>
    public async Task<ImportReport> ImportAsync(Stream upload, string name, string? format, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var chosen = string.IsNullOrWhiteSpace(format) ? null : format.Trim();
        if (chosen is not null)
        {
            PaperFormats.ByName(chosen);
        }

        var uploads = UploadDirectory(library);
        Directory.CreateDirectory(uploads);
        var temporary = Path.Combine(uploads, $"upload-{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await upload.CopyToAsync(file, cancellation);
            }

            var input = ImportInput.FromStream(name, new FileInfo(temporary).Length, () => File.OpenRead(temporary), chosen);
            var report = await Task.Run(() => new PaperImporter(library.Store, new ImportOptions { Format = chosen }).Import([input], cancellation: cancellation), cancellation);
            library.CatchUp(cancellation);
            return report;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Deletes the uploads a server killed mid-import left behind; called at start, when no import can be running (one
    /// server per data directory: the keyword index's write lock keeps a second out).
    /// </summary>
    public static void RemoveLeftoverUploads(PaperLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        if (Directory.Exists(UploadDirectory(library)))
        {
            foreach (var leftover in Directory.EnumerateFiles(UploadDirectory(library), "upload-*"))
            {
                File.Delete(leftover);
            }
        }
    }

    /// <summary>Where uploads wait while they are imported: beside the store, so that a leftover is found again.</summary>
    private static string UploadDirectory(PaperLibrary library) => Path.Combine(library.DataDirectory, "uploads");

    /// <summary>What an upload over the limit is told.</summary>
    public static string TooLarge(long maxBytes) =>
        $"Imports from the web take at most {maxBytes:N0} bytes; import bigger files with 'paperboy import' on the server.";

    /// <summary>Deletes the paper; false when there is none with that id.</summary>
    public bool Delete(string id)
    {
        var deleted = library.Store.Delete(id);
        if (deleted)
        {
            library.CatchUp();
        }

        return deleted;
    }
}

/// <summary>An import's outcome as the API returns it (the same fields as <c>paperboy import --json</c>).</summary>
public sealed record ApiImportReport(
    [property: JsonPropertyName("new")] int New,
    [property: JsonPropertyName("changed")] int Changed,
    [property: JsonPropertyName("unchanged")] int Unchanged,
    [property: JsonPropertyName("skipped")] int Skipped,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors,
    [property: JsonPropertyName("failed_inputs")] IReadOnlyList<string> FailedInputs)
{
    public static ApiImportReport From(ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.New, report.Changed, report.Unchanged, report.Skipped, report.Errors.Select(e => e.ToString()).ToList(), report.FailedInputs);
    }
}
