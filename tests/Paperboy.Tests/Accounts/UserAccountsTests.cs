using Paperboy.Accounts;
using Paperboy.Store.Sqlite;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Accounts;

public sealed class UserAccountsTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqlitePaperStore _store;
    private readonly UserAccounts _accounts;

    public UserAccountsTests()
    {
        _store = SqlitePaperStore.Open(_directory.Path);
        _accounts = new UserAccounts(_store, TimeProvider.System);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Sign_up_stores_an_identity_hash_not_the_password_and_sign_in_checks_it()
    {
        var ada = _accounts.SignUp("ada", "ada@example.org", "correct horse").User!;

        Assert.True(ada.IsAdmin);
        Assert.DoesNotContain("correct horse", ada.PasswordHash);
        // Identity's version-3 format: a 0x01 marker byte, then PRF, iteration count, salt and subkey.
        Assert.Equal(0x01, Convert.FromBase64String(ada.PasswordHash)[0]);
        Assert.Equal(ada, _accounts.SignIn("ada", "correct horse"));
        Assert.Equal(ada, _accounts.SignIn("ADA@example.org", "correct horse"));
        Assert.Null(_accounts.SignIn("ada", "correct horsE"));
        Assert.Null(_accounts.SignIn("grace", "correct horse"));
        Assert.Null(_accounts.SignIn("ada", ""));
    }

    [Fact]
    public void Emails_differing_only_in_the_case_of_any_letter_are_one_account()
    {
        var emile = _accounts.SignUp("emile", "Émile@Example.org", "correct horse").User!;

        var again = _accounts.SignUp("emile2", "éMILE@example.ORG", "correct horse");

        Assert.Equal("émile@example.org", emile.Email);
        Assert.Contains(again.Problems, p => p.Field == AccountField.Email);
        Assert.Equal(emile.Id, _accounts.SignIn("ÉMILE@EXAMPLE.ORG", "correct horse")?.Id);
    }

    [Fact]
    public void Two_users_with_the_same_password_get_different_hashes()
    {
        var ada = _accounts.SignUp("ada", "ada@example.org", "correct horse").User!;
        var alan = _accounts.SignUp("alan", "alan@example.org", "correct horse").User!;

        Assert.NotEqual(ada.PasswordHash, alan.PasswordHash);
        Assert.False(alan.IsAdmin);
    }

    [Fact]
    public void Sign_up_says_which_rule_failed_and_which_field_is_taken()
    {
        _accounts.SignUp("ada", "ada@example.org", "correct horse");

        var invalid = _accounts.SignUp("ada!", "ada", "short");
        var taken = _accounts.SignUp("Ada", "ADA@example.org", "correct horse");

        Assert.Null(invalid.User);
        Assert.Equal(3, invalid.Problems.Count);
        Assert.Equal(
            [new AccountProblem(AccountField.UserName, "user name 'Ada' is taken; choose another"), new AccountProblem(AccountField.Email, "email 'ADA@example.org' already has an account; sign in instead")],
            taken.Problems);
        Assert.Single(_store.ListUsers());
    }

    [Fact]
    public void A_token_authenticates_its_owner_until_revoked()
    {
        var ada = _accounts.SignUp("ada", "ada@example.org", "correct horse").User!;
        var alan = _accounts.SignUp("alan", "alan@example.org", "correct horse").User!;

        var created = _accounts.CreateApiToken(ada.Id, " laptop ");

        Assert.True(ApiTokenSecret.LooksLikeSecret(created.Secret));
        Assert.Equal("laptop", created.Token.Name);
        Assert.Equal(ada, _accounts.Authenticate(created.Secret));
        Assert.NotNull(Assert.Single(_accounts.ApiTokens(ada.Id)).LastUsed);
        Assert.Empty(_accounts.ApiTokens(alan.Id));
        Assert.False(_accounts.RevokeApiToken(alan.Id, created.Token.Id));
        Assert.True(_accounts.RevokeApiToken(ada.Id, created.Token.Id));
        Assert.Null(_accounts.Authenticate(created.Secret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pbt_short")]
    [InlineData("Bearer pbt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("pbt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Malformed_or_unknown_tokens_authenticate_nobody(string? secret)
    {
        _accounts.CreateApiToken(_accounts.SignUp("ada", "ada@example.org", "correct horse").User!.Id, "laptop");

        Assert.Null(_accounts.Authenticate(secret));
    }

    [Fact]
    public void A_token_needs_a_name()
    {
        var ada = _accounts.SignUp("ada", "ada@example.org", "correct horse").User!;

        var failure = Assert.Throws<ArgumentException>(() => _accounts.CreateApiToken(ada.Id, ""));

        Assert.StartsWith("token name is required", failure.Message);
        Assert.Equal("name", failure.ParamName);
    }

    [Fact]
    public void Secrets_are_random_and_only_their_hash_is_stored()
    {
        var first = ApiTokenSecret.Create();
        var second = ApiTokenSecret.Create();

        Assert.NotEqual(first, second);
        Assert.Equal(64, ApiTokenSecret.Hash(first).Length);
        Assert.Equal("a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3", ApiTokenSecret.Hash("123"));
    }
}
