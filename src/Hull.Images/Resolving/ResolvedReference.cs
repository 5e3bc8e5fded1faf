using Hull.Yaml;

namespace Hull.Images.Resolving;

/// <summary>What a resolver found for one reference: the reference to write and how it was obtained.</summary>
/// <param name="Url">The digest reference.</param>
/// <param name="Origins">The origins (empty for a reference already by digest).</param>
public sealed record ResolvedReference(string Url, IReadOnlyList<Map> Origins);
