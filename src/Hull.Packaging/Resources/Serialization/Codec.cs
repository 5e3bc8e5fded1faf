using Hull.Yaml;

namespace Hull.Packaging.Resources.Serialization;

/// <summary>
/// Reads a value of <typeparamref name="T"/> from Hull.Yaml's model and writes it back, the way kapp-controller's
/// Go types go through sigs.k8s.io/yaml: type mismatches are errors, <c>omitempty</c> decides what is left out.
/// </summary>
internal abstract class Codec<T>
{
    /// <summary>Reads <paramref name="value"/> (a node or a scalar) found at <paramref name="at"/>.</summary>
    public abstract T Read(object? value, ReadContext context, Position at);

    /// <summary>Writes the value as a node or a scalar.</summary>
    public abstract object? Write(T value);

    /// <summary>Go's <c>omitempty</c>: whether a struct field holding this value is left out.</summary>
    public virtual bool IsEmpty(T value) => value is null;

    /// <summary>Names a YAML value for error messages: its kind and, for short scalars, the value.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"the string '{(s.Length > 40 ? s[..40] + "…" : s)}'",
        bool b => b ? "true" : "false",
        long or System.Numerics.BigInteger => $"the number {value}",
        double d => $"the number {YamlEmitter.FormatScalar(d)}",
        Map => "a map",
        YamlArray => "a list",
        _ => value.GetType().Name,
    };
}
