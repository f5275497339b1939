using Microsoft.Data.Sqlite;

namespace Paperboy.Store.Sqlite;

/// <summary>The SQLite schema, as an ordered list of migrations applied on open (tracked in <c>PRAGMA user_version</c>).</summary>
internal static class SqliteSchema
{
    private static readonly string[] _migrations =
    [
        """
        CREATE TABLE papers (
            id           TEXT NOT NULL UNIQUE,
            version      INTEGER,
            title        TEXT NOT NULL,
            title_key    TEXT NOT NULL,
            authors      TEXT NOT NULL,
            author_count INTEGER,
            abstract     TEXT NOT NULL,
            categories   TEXT NOT NULL,
            published    TEXT,
            updated      TEXT,
            listed       TEXT,
            upvotes      INTEGER NOT NULL DEFAULT 0,
            comments     TEXT,
            doi          TEXT,
            sources      TEXT NOT NULL,
            seq          INTEGER NOT NULL UNIQUE
        );
        CREATE INDEX papers_title_key ON papers (title_key);
        CREATE INDEX papers_listed ON papers (listed, upvotes DESC);
        CREATE TABLE paper_former_titles (
            title_key TEXT NOT NULL,
            paper_id  TEXT NOT NULL,
            PRIMARY KEY (title_key, paper_id)
        ) WITHOUT ROWID;
        CREATE TABLE paper_tombstones (
            id  TEXT PRIMARY KEY,
            seq INTEGER NOT NULL UNIQUE
        );
        CREATE TABLE store_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        INSERT INTO store_meta (key, value) VALUES ('change_sequence', '0');
        """,
        """
        CREATE TABLE paper_embeddings (
            paper_id      TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
            model         TEXT NOT NULL,
            model_version TEXT NOT NULL,
            dimension     INTEGER NOT NULL,
            vector        BLOB NOT NULL,
            text_hash     TEXT NOT NULL,
            paper_seq     INTEGER NOT NULL,
            seq           INTEGER NOT NULL,
            PRIMARY KEY (model, paper_id)
        ) WITHOUT ROWID;
        CREATE INDEX paper_embeddings_seq ON paper_embeddings (model, seq);
        CREATE INDEX paper_embeddings_paper ON paper_embeddings (paper_id);
        INSERT INTO store_meta (key, value) VALUES ('embedding_sequence', '0');
        """,
        // The change sequence becomes the rowid: new rows append at the end of the table's b-tree and the separate
        // unique index on seq goes, one b-tree fewer to write per paper, which the import profile showed to matter.
        """
        CREATE TABLE papers_by_seq (
            seq          INTEGER PRIMARY KEY,
            id           TEXT NOT NULL UNIQUE,
            version      INTEGER,
            title        TEXT NOT NULL,
            title_key    TEXT NOT NULL,
            authors      TEXT NOT NULL,
            author_count INTEGER,
            abstract     TEXT NOT NULL,
            categories   TEXT NOT NULL,
            published    TEXT,
            updated      TEXT,
            listed       TEXT,
            upvotes      INTEGER NOT NULL DEFAULT 0,
            comments     TEXT,
            doi          TEXT,
            sources      TEXT NOT NULL
        );
        INSERT INTO papers_by_seq (seq, id, version, title, title_key, authors, author_count, abstract, categories, published, updated, listed, upvotes, comments, doi, sources)
            SELECT seq, id, version, title, title_key, authors, author_count, abstract, categories, published, updated, listed, upvotes, comments, doi, sources
            FROM papers ORDER BY seq;
        DROP TABLE papers;
        ALTER TABLE papers_by_seq RENAME TO papers;
        CREATE INDEX papers_title_key ON papers (title_key);
        CREATE INDEX papers_listed ON papers (listed, upvotes DESC);
        """,
        """
        ALTER TABLE papers ADD COLUMN site_upvotes INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE users (
            id            INTEGER PRIMARY KEY,
            user_name     TEXT NOT NULL UNIQUE COLLATE NOCASE,
            email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            created       TEXT NOT NULL,
            is_admin      INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE api_tokens (
            id         INTEGER PRIMARY KEY,
            user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            name       TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            created    TEXT NOT NULL,
            last_used  TEXT
        );
        CREATE INDEX api_tokens_user ON api_tokens (user_id);
        -- Votes and submissions follow a paper that moves to its arXiv id (SqliteMergeWriter.Delete), so they name
        -- papers without a foreign key.
        CREATE TABLE paper_votes (
            paper_id TEXT NOT NULL,
            user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            created  TEXT NOT NULL,
            PRIMARY KEY (paper_id, user_id)
        ) WITHOUT ROWID;
        CREATE INDEX paper_votes_user ON paper_votes (user_id, created);
        CREATE TABLE paper_submissions (
            paper_id TEXT PRIMARY KEY,
            user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            day      TEXT NOT NULL,
            created  TEXT NOT NULL
        );
        CREATE INDEX paper_submissions_day ON paper_submissions (day);
        """,
        // Title keys are looked up only to gather the papers that share one (SqliteMergeWriter checks each whole key), so
        // indexing their first 16 characters finds the same papers from a quarter of the pages: a bulk import's
        // commits, whose new keys land all over this index, write that many fewer pages to the log.
        """
        DROP INDEX papers_title_key;
        CREATE INDEX papers_title_prefix ON papers (substr(title_key, 1, 16));
        """,
        // A sign-in cookie names its session; signing out ends the session, so a copy of the cookie stops working too.
        """
        CREATE TABLE user_sessions (
            id      TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            created TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX user_sessions_user ON user_sessions (user_id);
        """,
        // When a session's cookie was last issued or renewed: a session unseen for longer than a cookie lasts can have no
        // cookie left, and is deleted.
        """
        ALTER TABLE user_sessions ADD COLUMN seen TEXT;
        UPDATE user_sessions SET seen = created;
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => _migrations.Length;

    /// <summary>Brings the database up to <see cref="CurrentVersion"/>, each step in its own transaction.</summary>
    /// <remarks>Each step re-reads the version inside a write transaction, so processes opening a new store at once do not race.</remarks>
    public static void Upgrade(SqliteConnection connection, string path) => UpgradeTo(connection, path, CurrentVersion);

    /// <summary>Brings the database up to <paramref name="targetVersion"/>; tests use it to build stores as older Paperboys left them.</summary>
    public static void UpgradeTo(SqliteConnection connection, string path, int targetVersion)
    {
        // A migration that rebuilds a table drops it, which with foreign keys on would cascade into the tables that
        // refer to it; SQLite's documented procedure is to switch them off (outside a transaction) and check after.
        SetForeignKeys(connection, enabled: false);
        try
        {
            UpgradeSteps(connection, path, targetVersion);
        }
        finally
        {
            SetForeignKeys(connection, enabled: true);
        }
    }

    private static void UpgradeSteps(SqliteConnection connection, string path, int targetVersion)
    {
        while (true)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var version = ReadVersion(connection, transaction);
            if (version > CurrentVersion)
            {
                throw new StoreException($"{path}: the store has schema version {version}, newer than this Paperboy understands ({CurrentVersion}); upgrade Paperboy.");
            }

            if (version >= targetVersion)
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = _migrations[version] + $"\nPRAGMA user_version = {version + 1};";
            command.ExecuteNonQuery();
            command.CommandText = "PRAGMA foreign_key_check;";
            using (var violations = command.ExecuteReader())
            {
                if (violations.Read())
                {
                    throw new StoreException($"{path}: upgrading the schema to version {version + 1} broke a reference from table {violations.GetString(0)}; the store is left at version {version}.");
                }
            }

            transaction.Commit();
        }
    }

    private static void SetForeignKeys(SqliteConnection connection, bool enabled)
    {
        using var command = connection.CreateCommand();
        command.CommandText = enabled ? "PRAGMA foreign_keys = ON;" : "PRAGMA foreign_keys = OFF;";
        command.ExecuteNonQuery();
    }

    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar());
    }
}
