using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Paperboy.Web.Tests.Api;

namespace Paperboy.Web.Tests.Accounts;

/// <summary>Admin-only import and delete: 401 for visitors, 403 for users, the import report for admins.</summary>
public sealed class AdminApiTests : IAsyncLifetime
{
    private const string OnePaper = """{"id": "2402.00001", "title": "Imported from the web", "abstract": "An abstract.", "categories": "cs.LG", "authors": "Ada Lovelace", "versions": [{"version": "v1", "created": "Mon, 5 Feb 2024 10:00:00 GMT"}], "update_date": "2024-02-05"}""";

    private AccountsSite _site = null!;
    private HttpClient _admin = null!;
    private HttpClient _user = null!;

    public async ValueTask InitializeAsync()
    {
        _site = await AccountsSite.StartAsync();
        _admin = await TokenClientAsync("ada");
        _user = await TokenClientAsync("alan");
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _user.Dispose();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task Only_an_admin_imports_and_gets_the_report()
    {
        using var visitor = _site.NewBrowser();

        var anonymous = await visitor.Http.PostAsync("/api/papers/import", Body(OnePaper), TestContext.Current.CancellationToken);
        var user = await _user.PostAsync("/api/papers/import", Body(OnePaper), TestContext.Current.CancellationToken);
        var admin = await _admin.PostAsync("/api/papers/import", Body(OnePaper + "\n{broken\n"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        Assert.Contains("alan is not an admin", await user.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        using var report = JsonDocument.Parse(await admin.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal((1, 1), (report.RootElement.GetProperty("new").GetInt32(), report.RootElement.GetProperty("skipped").GetInt32()));
        Assert.StartsWith("request body:2:", report.RootElement.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Imported from the web", _site.Service<Paperboy.Web.Library.PaperLibrary>().Store.Find("2402.00001")!.Title);
        Assert.Empty(Directory.GetFiles(Path.Combine(_site.DataDirectory, "uploads")));
    }

    [Fact]
    public void Uploads_a_killed_server_left_beside_the_store_are_removed_and_other_files_kept()
    {
        var uploads = Directory.CreateDirectory(Path.Combine(_site.DataDirectory, "uploads")).FullName;
        File.WriteAllText(Path.Combine(uploads, "upload-0123456789abcdef"), OnePaper);
        File.WriteAllText(Path.Combine(uploads, "README.txt"), "not an upload");

        Paperboy.Web.Admin.AdminActions.RemoveLeftoverUploads(_site.Service<Paperboy.Web.Library.PaperLibrary>());

        Assert.Equal(["README.txt"], Directory.GetFiles(uploads).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_multipart_upload_and_a_forced_format_import_too_and_a_wrong_format_is_400()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(OnePaper)), "file", "papers.jsonl" } };

        var uploaded = await _admin.PostAsync("/api/papers/import?format=arxiv-snapshot", form, TestContext.Current.CancellationToken);
        var wrong = await _admin.PostAsync("/api/papers/import?format=csv", Body(OnePaper), TestContext.Current.CancellationToken);

        Assert.Equal(1, (await uploaded.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("new").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.StartsWith("unknown format \"csv\"; expected one of: arxiv-snapshot", (await wrong.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=xyz", "garbage", "The form could not be read")]
    [InlineData("multipart/form-data", "garbage", "The form could not be read")]
    [InlineData("text/plain", "Meeting notes\nBuy milk\nCall Bob about the budget\n", "its format is not recognised")]
    [InlineData("application/octet-stream", "\u0000\u0001\u0002binary", "it is not text")]
    [InlineData("application/octet-stream", "", "it is empty")]
    public async Task A_body_that_is_no_readable_form_or_no_papers_file_is_a_400_saying_why(string contentType, string body, string reason)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await _admin.PostAsync("/api/papers/import", content, TestContext.Current.CancellationToken);

        var problem = await ApiAssert.Problem(response, HttpStatusCode.BadRequest);
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_admin_deletes_a_paper()
    {
        var user = await _user.DeleteAsync($"/api/papers/{AccountsSite.FirstPaper}", TestContext.Current.CancellationToken);
        var admin = await _admin.DeleteAsync($"/api/papers/{AccountsSite.FirstPaper}", TestContext.Current.CancellationToken);
        var again = await _admin.DeleteAsync($"/api/papers/{AccountsSite.FirstPaper}", TestContext.Current.CancellationToken);
        var old = await _admin.DeleteAsync("/api/papers/hep-th/9901001", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, admin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, old.StatusCode);
        Assert.Null(_site.Service<Paperboy.Web.Library.PaperLibrary>().Store.Find(AccountsSite.FirstPaper));
    }

    [Fact]
    public async Task The_admin_page_is_for_admins_and_deletes_by_form()
    {
        using var ada = _site.NewBrowser();
        using var alan = _site.NewBrowser();
        await ada.SignInAsync("ada");
        await alan.SignInAsync("alan");

        var denied = await alan.Http.GetAsync("/admin", TestContext.Current.CancellationToken);
        var deleted = await ada.PostFormAsync("/admin", "/admin?handler=Delete", ("paper", "https://arxiv.org/abs/2401.00002v1"));

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("http://localhost/account/denied", denied.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await alan.Http.GetAsync("/account/denied", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Contains("Deleted 2401.00002", await deleted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_admin_page_imports_an_upload_within_the_import_limit_and_refuses_a_larger_one()
    {
        await using var limited = await AccountsSite.StartAsync($"--Paperboy:Accounts:MaxImportBytes={OnePaper.Length + 10}");
        using var ada = limited.NewBrowser();
        await ada.SignUpAsync("ada");

        async Task<HttpResponseMessage> Upload(string text)
        {
            var token = await ada.AntiforgeryTokenAsync("/admin");
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "papers.jsonl" },
            };
            return await ada.Http.PostAsync("/admin?handler=Import", form, TestContext.Current.CancellationToken);
        }

        var fits = await Upload(OnePaper);
        var tooLarge = await Upload(OnePaper + "\n" + OnePaper.Replace("2402.00001", "2402.00002", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("Imports from the web take at most", await tooLarge.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.NotNull(limited.Service<Paperboy.Web.Library.PaperLibrary>().Store.Find("2402.00001"));
        Assert.Null(limited.Service<Paperboy.Web.Library.PaperLibrary>().Store.Find("2402.00002"));
    }

    private static ByteArrayContent Body(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task<HttpClient> TokenClientAsync(string name)
    {
        using var browser = _site.NewBrowser();
        await browser.SignUpAsync(name);
        var client = _site.NewBrowser().Http;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await browser.CreateTokenAsync("script"));
        return client;
    }
}
