using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paperboy.Search.Evaluation;

/// <summary>Source-generated JSON for BEIR's JSON-lines records.</summary>
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class BeirJson : JsonSerializerContext;
