using System.Net.Mail;

namespace Paperboy.Accounts;

/// <summary>What a valid user name, email address, password and token name are, each rule with a message that names it.</summary>
public static class AccountRules
{
    public const int MinUserNameLength = 3;
    public const int MaxUserNameLength = 32;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 512;
    public const int MaxEmailLength = 254;
    public const int MaxTokenNameLength = 64;

    /// <summary>Every rule <paramref name="userName"/>, <paramref name="email"/> and <paramref name="password"/> break, in field order.</summary>
    public static IReadOnlyList<AccountProblem> CheckSignUp(string? userName, string? email, string? password)
    {
        var problems = new List<AccountProblem>();
        Add(problems, AccountField.UserName, CheckUserName(userName));
        Add(problems, AccountField.Email, CheckEmail(email));
        Add(problems, AccountField.Password, CheckPassword(password, userName));
        return problems;
    }

    /// <summary>The first rule the user name breaks, or null when it is valid.</summary>
    public static string? CheckUserName(string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            return "user name is required";
        }

        if (userName.Length is < MinUserNameLength or > MaxUserNameLength)
        {
            return $"user name must be {MinUserNameLength} to {MaxUserNameLength} characters long (it has {userName.Length})";
        }

        if (userName.FirstOrDefault(c => !IsUserNameCharacter(c)) is var bad && bad != default)
        {
            return $"user name may contain only letters a-z, digits, '-', '_' and '.' (it contains '{bad}')";
        }

        return char.IsAsciiLetterOrDigit(userName[0]) ? null : "user name must start with a letter or a digit";
    }

    /// <summary>The first rule the email address breaks, or null when it is valid.</summary>
    public static string? CheckEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "email is required";
        }

        if (email.Length > MaxEmailLength)
        {
            return $"email must be at most {MaxEmailLength} characters long (it has {email.Length})";
        }

        // MailAddress also accepts display names ("Ada <ada@example.org>"); only a bare address that round-trips is taken.
        var valid = MailAddress.TryCreate(email, out var address) && address.Address == email && address.Host.Contains('.', StringComparison.Ordinal);
        return valid ? null : $"email '{email}' is not an email address like name@example.org";
    }

    /// <summary>The first rule the password breaks, or null when it is valid.</summary>
    public static string? CheckPassword(string? password, string? userName = null)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
        {
            return $"password must be at least {MinPasswordLength} characters long (it has {password?.Length ?? 0})";
        }

        if (password.Length > MaxPasswordLength)
        {
            return $"password must be at most {MaxPasswordLength} characters long (it has {password.Length})";
        }

        return userName is not null && string.Equals(password, userName, StringComparison.OrdinalIgnoreCase)
            ? "password must not be the user name"
            : null;
    }

    /// <summary>The first rule an API token's name breaks, or null when it is valid.</summary>
    public static string? CheckTokenName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "token name is required (say what the token is for, e.g. 'laptop script')";
        }

        return name.Trim().Length > MaxTokenNameLength
            ? $"token name must be at most {MaxTokenNameLength} characters long (it has {name.Trim().Length})"
            : null;
    }

    private static bool IsUserNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    private static void Add(List<AccountProblem> problems, AccountField field, string? message)
    {
        if (message is not null)
        {
            problems.Add(new AccountProblem(field, message));
        }
    }
}

/// <summary>The form fields account rules speak about.</summary>
public enum AccountField
{
    UserName,
    Email,
    Password,
    TokenName,
}

/// <summary>One broken account rule: which field, and a message saying which rule.</summary>
public sealed record AccountProblem(AccountField Field, string Message);
