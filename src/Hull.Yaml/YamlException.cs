using Hull.Failures;
namespace Hull.Yaml;

/// <summary>Malformed YAML or a value YAML cannot hold. <see cref="Exception.Message"/> reads like go-yaml's (`yaml: line N: ...`).</summary>
public sealed class YamlException : HullException
{
    /// <summary>Creates the error.</summary>
    public YamlException(string message, Position position = default, Exception? inner = null)
        : base(message, inner) => Position = position;

    /// <summary>Where the problem is, when known.</summary>
    public Position Position { get; }
}
