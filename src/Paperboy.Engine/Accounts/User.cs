namespace Paperboy.Accounts;

/// <summary>A person with an account on this Paperboy site.</summary>
/// <param name="Id">The store's number for the user; stable for the account's life.</param>
/// <param name="UserName">The name shown on the site; unique regardless of letter case.</param>
/// <param name="Email">The address given at sign-up; unique regardless of letter case.</param>
/// <param name="PasswordHash">The password as ASP.NET Core Identity's hasher encodes it (never the password itself).</param>
/// <param name="Created">When the account was made.</param>
/// <param name="IsAdmin">May import and delete papers from the web.</param>
public sealed record User(long Id, string UserName, string Email, string PasswordHash, DateTimeOffset Created, bool IsAdmin);
