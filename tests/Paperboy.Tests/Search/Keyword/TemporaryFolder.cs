namespace Paperboy.Tests.Search.Keyword;

/// <summary>A fresh folder under the system temp directory, removed with everything in it on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("paperboy-keyword-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
