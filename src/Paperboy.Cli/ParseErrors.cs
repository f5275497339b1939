using System.Text.RegularExpressions;

namespace Paperboy.Cli;

/// <summary>System.CommandLine's conversion errors in the words of the command line rather than of .NET types.</summary>
internal static partial class ParseErrors
{
    [GeneratedRegex(@"^Cannot parse argument '(?<value>[^']*)' for (?<what>option|argument) '(?<name>[^']*)' as expected type '(?<type>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex ConversionPattern();

    /// <summary>
    /// "Cannot parse argument 'abc' for option '--limit' as expected type 'System.Int32'" becomes
    /// "--limit takes a whole number, not 'abc'"; other messages pass unchanged.
    /// </summary>
    public static string Friendly(string message)
    {
        var match = ConversionPattern().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var type = Regex.Replace(match.Groups["type"].Value, @"^System\.Nullable`1\[(.+)\]$", "$1");
        var expected = type switch
        {
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Double" => "a number",
            "System.DateOnly" => "a day, yyyy-MM-dd",
            "System.Uri" => "an address",
            _ when Enumeration(type) is { } names => $"one of {string.Join(", ", names)}",
            _ => "a value of another form",
        };
        return $"{match.Groups["name"].Value} takes {expected}, not '{match.Groups["value"].Value}'";
    }

    private static string[]? Enumeration(string typeName) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName)).FirstOrDefault(t => t is { IsEnum: true }) is { } type
            ? Enum.GetNames(type)
            : null;
}
