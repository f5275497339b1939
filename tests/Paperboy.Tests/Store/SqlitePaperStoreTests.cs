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
        Assert.Equal(SqliteSchema.CurrentVersion, Store.Statistics().SchemaVersion);
    }

    [Fact]
    public void A_new_store_and_its_log_are_readable_by_their_owner_alone()
    {
        Store.Merge([Records.Arxiv("2401.00001")]);
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Windows files have no Unix mode");
        }
        else
        {
            foreach (var file in new[] { "paperboy.db", "paperboy.db-wal" })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory.Path, file)));
            }
        }
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
    public void A_schema_2_store_upgrades_keeping_its_papers_vectors_and_change_feed()
    {
        StoreAtVersion(2, """
            INSERT INTO papers (id, title, title_key, authors, abstract, categories, listed, upvotes, sources, seq)
            VALUES ('2401.00002', 'Second', 'second', '["B"]', 'Abstract two.', 'cs.LG', '2024-01-02', 3, '{}', 7),
                   ('2401.00001', 'First', 'first', '["A"]', 'Abstract one.', 'cs.CL', '2024-01-01', 0, '{}', 4);
            INSERT INTO paper_embeddings (paper_id, model, model_version, dimension, vector, text_hash, paper_seq, seq)
            VALUES ('2401.00002', 'tiny', '1', 2, X'0000803F00000000', 'h', 7, 1);
            UPDATE store_meta SET value = '7' WHERE key = 'change_sequence';
            """);

        using var upgraded = SqlitePaperStore.Open(_directory.Path);

        Assert.Equal(SqliteSchema.CurrentVersion, upgraded.Statistics().SchemaVersion);
        Assert.Equal(["2401.00001", "2401.00002"], upgraded.ChangesSince(0, 10).Select(change => change.Id));
        Assert.Equal(3, upgraded.Find("2401.00002")!.Upvotes);
        var vector = Assert.Single(upgraded.LoadEmbeddings(new EmbeddingModel("tiny", "1", 2)));
        Assert.Equal([1f, 0f], vector.Vector);
        Assert.Equal(1, upgraded.Merge([Records.Arxiv("2401.00003")]).New);
        Assert.Equal(8, upgraded.ChangesSince(7, 10).Single().Sequence);
    }

    [Fact]
    public void A_schema_3_store_upgrades_keeping_upvotes_as_the_sources()
    {
        StoreAtVersion(3, """
            INSERT INTO papers (seq, id, title, title_key, authors, abstract, categories, listed, upvotes, sources)
            VALUES (1, '2401.00001', 'First', 'first', '["A"]', 'Abstract one.', 'cs.CL', '2024-01-01', 4, '{}');
            UPDATE store_meta SET value = '1' WHERE key = 'change_sequence';
            """);

        using var upgraded = SqlitePaperStore.Open(_directory.Path);
        var user = upgraded.CreateUser("ada", "ada@example.org", "h", DateTimeOffset.UnixEpoch).User!;

        Assert.Equal((4, 0), (upgraded.Find("2401.00001")!.Upvotes, upgraded.Find("2401.00001")!.SiteUpvotes));
        Assert.Equal(5, upgraded.Upvote(user.Id, "2401.00001", DateTimeOffset.UnixEpoch).Upvotes);
        Assert.Equal(2, upgraded.ChangesSince(1, 10).Single().Sequence);
    }

    [Fact]
    public void A_schema_4_store_upgrades_to_the_title_prefix_index_and_records_without_an_id_still_join_by_title()
    {
        StoreAtVersion(4, """
            INSERT INTO papers (seq, id, title, title_key, authors, abstract, categories, listed, upvotes, sources)
            VALUES (1, '1706.03762', 'Attention Is All You Need', 'attention is all you need', '["A"]', 'Abstract.', 'cs.CL', '2017-06-12', 0, '{}'),
                   (2, '2401.00002', 'Attention is all you want', 'attention is all you want', '["B"]', 'Abstract.', 'cs.CL', '2024-01-02', 0, '{}');
            UPDATE store_meta SET value = '2' WHERE key = 'change_sequence';
            """);

        using var upgraded = SqlitePaperStore.Open(_directory.Path);
        var merged = upgraded.Merge([Records.TitleOnly("Attention is all you need!", upvotes: 9)]);

        Assert.Equal(new MergeSummary(0, 1, 0), merged);
        Assert.Equal((9, 0), (upgraded.Find("1706.03762")!.Upvotes, upgraded.Find("2401.00002")!.Upvotes));
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, "paperboy.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'papers_title%' ORDER BY name)";
        Assert.Equal("papers_title_prefix", command.ExecuteScalar());
    }

    /// <summary>Replaces the test's store with one an older Paperboy left at <paramref name="version"/>, holding what <paramref name="sql"/> writes.</summary>
    private void StoreAtVersion(int version, string sql)
    {
        Store.Dispose();
        var file = Path.Combine(_directory.Path, "paperboy.db");
        File.Delete(file);
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        SqliteSchema.UpgradeTo(connection, file, version);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
