namespace Paperboy.Accounts;

/// <summary>A personal API token as the store knows it: its name and use, never the token itself (only its SHA-256).</summary>
public sealed record ApiToken(long Id, long UserId, string Name, DateTimeOffset Created, DateTimeOffset? LastUsed);

/// <summary>A token just created: <see cref="Secret"/> is shown to its owner once and cannot be read back later.</summary>
public sealed record NewApiToken(ApiToken Token, string Secret);
