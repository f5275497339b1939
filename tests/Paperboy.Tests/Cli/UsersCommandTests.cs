using System.Text.Json;
using Paperboy.Store.Sqlite;
using Paperboy.Tests.Harvest;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Cli;

/// <summary><c>paperboy users ...</c> and <c>paperboy submit</c> as an operator meets them.</summary>
public sealed class UsersCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Lists_users_oldest_first_with_the_first_as_admin_and_no_password_hashes()
    {
        AddUsers("ada", "alan");

        var table = Paperboy("users", "list");
        var json = Paperboy("users", "list", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("ada@example.org", table.Output);
        Assert.Contains("2 users", table.Output);
        var lines = json.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["ada", "alan"], lines.Select(l => l.GetProperty("user_name").GetString()));
        Assert.Equal([true, false], lines.Select(l => l.GetProperty("is_admin").GetBoolean()));
        Assert.DoesNotContain("secret-hash", json.Output + table.Output);
    }

    [Fact]
    public void Grants_and_revokes_admin_rights_by_name_or_email()
    {
        AddUsers("ada", "alan");

        var grant = Paperboy("users", "grant-admin", "alan@example.org");
        var revoke = Paperboy("users", "revoke-admin", "ada");

        Assert.Equal((0, "alan is now an admin"), (grant.ExitCode, grant.Output.Trim()));
        Assert.Equal((0, "ada is no longer an admin"), (revoke.ExitCode, revoke.Output.Trim()));
        using var store = SqlitePaperStore.Open(_data.Path);
        Assert.Equal([false, true], store.ListUsers().Select(u => u.IsAdmin));
        Assert.Contains("no admin is left", Paperboy("users", "revoke-admin", "alan").Error);
    }

    [Fact]
    public void An_unknown_user_exits_with_1_naming_it()
    {
        var result = Paperboy("users", "grant-admin", "grace");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no user named \"grace\"", result.Error);
    }

    [Fact]
    public void Submit_fetches_from_the_configured_arxiv_api_and_a_malformed_id_is_a_usage_error()
    {
        AddUsers("ada");
        using var server = new FakeOaiServer(FakeReply.Page("atom-query.xml"), FakeReply.Page("atom-empty.xml"));

        var submitted = Paperboy("submit", "https://arxiv.org/abs/2212.09525", "--user", "ada", "--arxiv-api", server.BaseAddress.ToString());
        var unknown = Paperboy("submit", "2212.99999", "--user", "ada", "--arxiv-api", server.BaseAddress.ToString());
        var malformed = Paperboy("submit", "2213.09525", "--user", "ada", "--arxiv-api", server.BaseAddress.ToString());

        Assert.Equal(0, submitted.ExitCode);
        Assert.StartsWith("2212.09525: FreeEnricher", submitted.Output, StringComparison.Ordinal);
        Assert.Contains("submitted by ada on", submitted.Output);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("arXiv has no paper with id 2212.99999", unknown.Error);
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("month 13 in '2213' does not exist", malformed.Error);
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public void Submit_says_when_arxiv_is_busy_and_when_it_tries_again()
    {
        AddUsers("ada");
        using var server = new FakeOaiServer(new FakeReply(503, "busy", default, ("Retry-After", "1")), FakeReply.Page("atom-query.xml"));

        var submitted = Paperboy("submit", "2212.09525", "--user", "ada", "--arxiv-api", server.BaseAddress.ToString());

        Assert.Equal(0, submitted.ExitCode);
        Assert.Contains("paperboy: arXiv: HTTP 503 Service Unavailable; attempt 2 of 3 in 1 s", submitted.Error);
        Assert.StartsWith("2212.09525: FreeEnricher", submitted.Output, StringComparison.Ordinal);
        Assert.Equal(2, server.Received.Count);
    }

    private void AddUsers(params string[] names)
    {
        using var store = SqlitePaperStore.Open(_data.Path);
        foreach (var name in names)
        {
            store.CreateUser(name, $"{name}@example.org", "secret-hash", DateTimeOffset.UtcNow);
        }
    }

    private PaperboyProcess.Result Paperboy(params string[] arguments) => PaperboyProcess.Run(["--data", _data.Path, .. arguments]);
}
