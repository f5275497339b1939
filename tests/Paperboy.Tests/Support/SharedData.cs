namespace Paperboy.Tests.Support;

/// <summary>Finds the project's shared data folder (<c>shared/data</c> beside the repository) from the test binaries.</summary>
public static class SharedData
{
    /// <summary>The path of <paramref name="relative"/> under <c>shared/data</c>; skips the test when the folder is absent, fails under CI.</summary>
    public static string Require(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", relative);
            if (Directory.Exists(candidate) || File.Exists(candidate))
            {
                return candidate;
            }
        }

        var message = $"shared/data/{relative} was not found in any folder above {AppContext.BaseDirectory}";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message + " (CI=true: the shared data must be present)");
        }

        Assert.Skip(message);
        return "";
    }
}
