namespace Hull.Packaging.Admission;

/// <summary>One field the API server finds invalid, as it words it: <c>spec.selector: Required value</c>.</summary>
/// <param name="Path">The field path (<c>spec.template.spec.containers[0].image</c>).</param>
/// <param name="Detail">What is wrong (<c>Required value</c>, <c>Invalid value: "x": …</c>).</param>
public sealed record FieldError(string Path, string Detail)
{
    /// <summary>A missing field.</summary>
    public static FieldError Required(string path, string? why = null) => new(path, why is null ? "Required value" : $"Required value: {why}");

    /// <summary>A field whose value is wrong; <paramref name="shown"/> is the value as the server prints it.</summary>
    public static FieldError Invalid(string path, string shown, string why) => new(path, $"Invalid value: {shown}: {why}");

    /// <summary>A value outside a fixed set.</summary>
    public static FieldError Unsupported(string path, string shown, IEnumerable<string> supported) =>
        new(path, $"Unsupported value: {shown}: supported values: {string.Join(", ", supported)}");

    /// <summary>A field that may not be given.</summary>
    public static FieldError Forbidden(string path, string why) => new(path, $"Forbidden: {why}");

    /// <summary>Go's %q of a string, as the server quotes values.</summary>
    public static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>The server's sentence for an invalid object: <c>Deployment.apps "x" is invalid: [a, b]</c>.</summary>
    public static string Invalid(string kind, string group, string name, IReadOnlyList<FieldError> errors)
    {
        string list = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors) + "]";
        return $"{kind}{(group.Length == 0 ? "" : "." + group)} {Quote(name)} is invalid: {list}";
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Path}: {Detail}";
}
