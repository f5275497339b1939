using Microsoft.Data.Sqlite;
using Paperboy.Store;
using Paperboy.Store.Sqlite;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Store;

public sealed class SqlitePaperStoreTests : PaperStoreContract
{
    private readonly TempDirectory _directory = new();

    protected override IPaperStore CreateStore() => SqlitePaperStore.Open(_directory.Path);

    public override void Dispose()
    {
        base.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void The_store_is_one_file_in_wal_mode_at_the_current_schema_version()
    {
        Store.Merge([Records.Arxiv("2401.00001")]);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, "paperboy.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", command.ExecuteScalar());
        Assert.Equal(3, Store.Statistics().SchemaVersion);
    }

    [Fact]
    public void A_store_from_a_newer_paperboy_is_refused_with_its_path()
    {
        Store.Merge([Records.Arxiv("2401.00001")]);
        Store.Dispose();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, "paperboy.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var failure = Assert.Throws<StoreException>(() => SqlitePaperStore.Open(_directory.Path));

        Assert.Contains("paperboy.db: the store has schema version 99", failure.Message);
    }

    [Fact]
    public void A_version_2_store_upgrades_keeping_upvotes_as_the_sources()
    {
        Store.Merge([Records.Arxiv("2401.00001", upvotes: 4)]);
        Store.Dispose();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, "paperboy.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TABLE paper_submissions; DROP TABLE paper_votes; DROP TABLE api_tokens; DROP TABLE users;
                ALTER TABLE papers DROP COLUMN site_upvotes; PRAGMA user_version = 2;
                """;
            command.ExecuteNonQuery();
        }

        using var upgraded = SqlitePaperStore.Open(_directory.Path);
        var user = upgraded.CreateUser("ada", "ada@example.org", "h", DateTimeOffset.UnixEpoch).User!;

        Assert.Equal(3, upgraded.Statistics().SchemaVersion);
        Assert.Equal((4, 0), (upgraded.Find("2401.00001")!.Upvotes, upgraded.Find("2401.00001")!.SiteUpvotes));
        Assert.Equal(5, upgraded.Upvote(user.Id, "2401.00001", DateTimeOffset.UnixEpoch).Upvotes);
    }
}
