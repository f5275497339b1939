namespace Paperboy.Ingest.Arxiv;

/// <summary>An OAI-PMH flow-control token: where the next page of a list starts; empty on the last page.</summary>
/// <param name="Token">The token to send back as <c>resumptionToken</c>; empty when the list is complete.</param>
/// <param name="CompleteListSize">The size of the whole list, when the repository says.</param>
/// <param name="Cursor">How many records came before this page, when the repository says.</param>
public sealed record OaiResumptionToken(string Token, long? CompleteListSize, long? Cursor)
{
    /// <summary>True when there is another page to ask for.</summary>
    public bool HasMore => Token.Length > 0;
}
