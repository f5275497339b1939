using Paperboy.Accounts;

namespace Paperboy.Tests.Store;

/// <summary>The contract for accounts and API tokens: unique names and emails, the first user an admin, tokens found by hash.</summary>
public abstract partial class PaperStoreContract
{
    private static readonly DateTimeOffset _now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    protected IAccountStore Accounts => (IAccountStore)Store;

    protected User AddUser(string name) =>
        Accounts.CreateUser(name, $"{name}@example.org", "hash-of-" + name, _now).User ?? throw new InvalidOperationException($"user {name} exists");

    [Fact]
    public void The_first_user_is_an_admin_and_later_ones_are_not()
    {
        var ada = AddUser("ada");
        var alan = AddUser("alan");

        Assert.True(ada.IsAdmin);
        Assert.False(alan.IsAdmin);
        Assert.Equal(("ada", "ada@example.org", "hash-of-ada", _now), (ada.UserName, ada.Email, ada.PasswordHash, ada.Created));
        Assert.Equal([ada, alan], Accounts.ListUsers());
        Assert.Equal(alan, Accounts.FindUser(alan.Id));
        Assert.Null(Accounts.FindUser(alan.Id + 100));
    }

    [Fact]
    public void Of_many_sign_ups_at_once_exactly_one_becomes_admin_and_a_name_is_taken_once()
    {
        var created = new System.Collections.Concurrent.ConcurrentBag<UserCreation>();

        Parallel.For(0, 24, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
            created.Add(Accounts.CreateUser(i % 2 == 0 ? $"user{i}" : "same", $"user{i}@example.org", "h", _now)));

        Assert.Equal(13, created.Count(c => c.User is not null));
        Assert.Equal(11, created.Count(c => c.UserNameTaken));
        Assert.Single(Accounts.ListUsers(), u => u.IsAdmin);
    }

    [Fact]
    public void User_names_and_emails_are_unique_regardless_of_letter_case()
    {
        AddUser("ada");

        var sameName = Accounts.CreateUser("ADA", "other@example.org", "h", _now);
        var sameEmail = Accounts.CreateUser("other", "Ada@Example.org", "h", _now);
        var both = Accounts.CreateUser("Ada", "ADA@example.org", "h", _now);

        Assert.Equal(new UserCreation(null, true, false), sameName);
        Assert.Equal(new UserCreation(null, false, true), sameEmail);
        Assert.Equal(new UserCreation(null, true, true), both);
        Assert.Single(Accounts.ListUsers());
    }

    [Fact]
    public void A_user_is_found_by_name_or_email_in_any_letter_case()
    {
        var ada = AddUser("ada");
        AddUser("alan");

        Assert.Equal(ada, Accounts.FindUserByNameOrEmail("ADA"));
        Assert.Equal(ada, Accounts.FindUserByNameOrEmail(" ada@EXAMPLE.org "));
        Assert.Null(Accounts.FindUserByNameOrEmail("grace"));
    }

    [Fact]
    public void Admin_rights_are_granted_and_revoked_by_user_name()
    {
        AddUser("ada");
        var alan = AddUser("alan");

        Assert.True(Accounts.SetAdmin("Alan", true)!.IsAdmin);
        Assert.True(Accounts.FindUser(alan.Id)!.IsAdmin);
        Assert.False(Accounts.SetAdmin("alan", false)!.IsAdmin);
        Assert.False(Accounts.FindUser(alan.Id)!.IsAdmin);
        Assert.Null(Accounts.SetAdmin("grace", true));
    }

    [Fact]
    public void A_password_hash_can_be_replaced()
    {
        var ada = AddUser("ada");

        Accounts.UpdatePasswordHash(ada.Id, "stronger");

        Assert.Equal("stronger", Accounts.FindUser(ada.Id)!.PasswordHash);
    }

    [Fact]
    public void A_token_is_found_by_its_hash_and_its_use_is_noted()
    {
        var ada = AddUser("ada");
        var first = Accounts.CreateApiToken(ada.Id, "laptop", "hash-1", _now);
        var second = Accounts.CreateApiToken(ada.Id, "server", "hash-2", _now.AddMinutes(1));

        var use = Accounts.UseApiToken("hash-1", _now.AddHours(1));

        Assert.Equal(ada, use!.Value.User);
        Assert.Equal(first with { LastUsed = _now.AddHours(1) }, use.Value.Token);
        Assert.Equal(["server", "laptop"], Accounts.ListApiTokens(ada.Id).Select(t => t.Name));
        Assert.Null(Accounts.ListApiTokens(ada.Id)[0].LastUsed);
        Assert.Equal(_now.AddHours(1), Accounts.ListApiTokens(ada.Id)[1].LastUsed);
        Assert.Equal(second.Id, Accounts.ListApiTokens(ada.Id)[0].Id);
        Assert.Null(Accounts.UseApiToken("hash-3", _now));
    }

    [Fact]
    public void A_revoked_token_is_gone_and_only_its_owner_can_revoke_it()
    {
        var ada = AddUser("ada");
        var alan = AddUser("alan");
        var token = Accounts.CreateApiToken(ada.Id, "laptop", "hash-1", _now);

        Assert.False(Accounts.RevokeApiToken(alan.Id, token.Id));
        Assert.NotNull(Accounts.UseApiToken("hash-1", _now));
        Assert.True(Accounts.RevokeApiToken(ada.Id, token.Id));
        Assert.False(Accounts.RevokeApiToken(ada.Id, token.Id));

        Assert.Null(Accounts.UseApiToken("hash-1", _now));
        Assert.Empty(Accounts.ListApiTokens(ada.Id));
    }

    [Fact]
    public void A_session_finds_its_user_until_it_ends_and_ending_all_ends_only_that_users()
    {
        var ada = AddUser("ada");
        var alan = AddUser("alan");
        Accounts.StartSession(ada.Id, "laptop", _now);
        Accounts.StartSession(ada.Id, "phone", _now);
        Accounts.StartSession(alan.Id, "desk", _now);

        Assert.Equal(ada, Accounts.FindSessionUser(ada.Id, "laptop"));
        Assert.Null(Accounts.FindSessionUser(alan.Id, "laptop"));
        Assert.True(Accounts.EndSession("laptop"));
        Assert.False(Accounts.EndSession("laptop"));
        Assert.Null(Accounts.FindSessionUser(ada.Id, "laptop"));
        Assert.Equal(ada, Accounts.FindSessionUser(ada.Id, "phone"));

        Assert.Equal(1, Accounts.EndSessions(ada.Id));
        Assert.Null(Accounts.FindSessionUser(ada.Id, "phone"));
        Assert.Equal(alan, Accounts.FindSessionUser(alan.Id, "desk"));
        Assert.Throws<ArgumentException>(() => Accounts.StartSession(42, "nobody", _now));
    }

    [Fact]
    public void Sessions_unseen_since_a_moment_end_and_a_renewal_counts_as_seen()
    {
        var ada = AddUser("ada");
        Accounts.StartSession(ada.Id, "laptop", _now);
        Accounts.StartSession(ada.Id, "phone", _now);
        Accounts.StartSession(ada.Id, "tablet", _now.AddDays(10));

        Assert.True(Accounts.SeeSession("laptop", _now.AddDays(20)));
        Assert.False(Accounts.SeeSession("unknown", _now.AddDays(20)));
        Assert.Equal(0, Accounts.EndSessionsUnseenSince(_now));
        Assert.Equal(1, Accounts.EndSessionsUnseenSince(_now.AddDays(10)));

        Assert.Equal(ada, Accounts.FindSessionUser(ada.Id, "laptop"));
        Assert.Null(Accounts.FindSessionUser(ada.Id, "phone"));
        Assert.Equal(ada, Accounts.FindSessionUser(ada.Id, "tablet"));
    }

    [Fact]
    public void A_token_for_an_unknown_user_is_refused()
    {
        var failure = Assert.Throws<ArgumentException>(() => Accounts.CreateApiToken(42, "laptop", "hash-1", _now));

        Assert.Contains("no user has id 42", failure.Message);
    }
}
