using Paperboy.Accounts;

namespace Paperboy.Tests.Accounts;

public sealed class AccountRulesTests
{
    [Theory]
    [InlineData("ada", null)]
    [InlineData("ada.lovelace-1_", null)]
    [InlineData("", "user name is required")]
    [InlineData("ab", "user name must be 3 to 32 characters long (it has 2)")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", "user name must be 3 to 32 characters long (it has 33)")]
    [InlineData("ada lovelace", "user name may contain only letters a-z, digits, '-', '_' and '.' (it contains ' ')")]
    [InlineData("adä", "user name may contain only letters a-z, digits, '-', '_' and '.' (it contains 'ä')")]
    [InlineData("ada@x", "user name may contain only letters a-z, digits, '-', '_' and '.' (it contains '@')")]
    [InlineData("_ada", "user name must start with a letter or a digit")]
    public void User_names_name_the_rule_they_break(string name, string? expected) =>
        Assert.Equal(expected, AccountRules.CheckUserName(name));

    [Theory]
    [InlineData("ada@example.org", null)]
    [InlineData("ada+papers@mail.example.org", null)]
    [InlineData("", "email is required")]
    [InlineData("ada", "email 'ada' is not an email address like name@example.org")]
    [InlineData("ada@localhost", "email 'ada@localhost' is not an email address like name@example.org")]
    [InlineData("Ada <ada@example.org>", "email 'Ada <ada@example.org>' is not an email address like name@example.org")]
    [InlineData("ada@@example.org", "email 'ada@@example.org' is not an email address like name@example.org")]
    public void Emails_name_the_rule_they_break(string email, string? expected) =>
        Assert.Equal(expected, AccountRules.CheckEmail(email));

    [Theory]
    [InlineData("correct horse", null)]
    [InlineData("", "password must be at least 8 characters long (it has 0)")]
    [InlineData("short", "password must be at least 8 characters long (it has 5)")]
    [InlineData("ada-lovelace", "password must not be the user name")]
    public void Passwords_name_the_rule_they_break(string password, string? expected) =>
        Assert.Equal(expected, AccountRules.CheckPassword(password, "Ada-Lovelace"));

    [Fact]
    public void Sign_up_reports_every_broken_rule_with_its_field()
    {
        var problems = AccountRules.CheckSignUp("a", "nope", "123");

        Assert.Equal([AccountField.UserName, AccountField.Email, AccountField.Password], problems.Select(p => p.Field));
        Assert.Equal("password must be at least 8 characters long (it has 3)", problems[2].Message);
        Assert.Empty(AccountRules.CheckSignUp("ada", "ada@example.org", "correct horse"));
    }

    [Theory]
    [InlineData("laptop", null)]
    [InlineData(" ", "token name is required (say what the token is for, e.g. 'laptop script')")]
    [InlineData("an extremely long token name that goes on and on past sixty-four chars", "token name must be at most 64 characters long (it has 70)")]
    public void Token_names_name_the_rule_they_break(string name, string? expected) =>
        Assert.Equal(expected, AccountRules.CheckTokenName(name));
}
