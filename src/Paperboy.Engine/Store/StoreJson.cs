using System.Text.Json.Serialization;

namespace Paperboy.Store;

/// <summary>Source-generated JSON for the small structured columns (author lists, field provenance).</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class StoreJson : JsonSerializerContext;
