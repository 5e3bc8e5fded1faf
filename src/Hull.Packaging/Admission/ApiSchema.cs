namespace Hull.Packaging.Admission;

/// <summary>
/// One node of an OpenAPI schema as the API server checks objects against it: a built-in kind's definition (OpenAPI v2,
/// references resolved, so the graph may be cyclic) or a CRD version's <c>openAPIV3Schema</c>. Only the keywords
/// admission reads are kept.
/// </summary>
public sealed class ApiSchema
{
    /// <summary>The JSON type (<c>object</c>, <c>array</c>, <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>), or null for any.</summary>
    public string? Type { get; set; }

    /// <summary>The format (<c>int32</c>, <c>int64</c>, <c>int-or-string</c>, <c>byte</c>, <c>date-time</c>, …).</summary>
    public string? Format { get; set; }

    /// <summary>The definition's name for a built-in's referenced type (<c>io.k8s.api.core.v1.PodSpec</c>).</summary>
    public string? Definition { get; set; }

    /// <summary>Named properties of an object, in the schema's order.</summary>
    public Dictionary<string, ApiSchema>? Properties { get; set; }

    /// <summary>The schema of every other property (a map's values).</summary>
    public ApiSchema? AdditionalProperties { get; set; }

    /// <summary>The schema of an array's items.</summary>
    public ApiSchema? Items { get; set; }

    /// <summary>Properties that must be present.</summary>
    public IReadOnlyList<string> Required { get; set; } = [];

    /// <summary><c>x-kubernetes-int-or-string</c>: an integer or a string.</summary>
    public bool IntOrString { get; set; }

    /// <summary><c>x-kubernetes-preserve-unknown-fields</c>: properties not in the schema are kept (not pruned) and unchecked.</summary>
    public bool PreserveUnknownFields { get; set; }

    /// <summary><c>x-kubernetes-embedded-resource</c>: an object with apiVersion, kind and metadata.</summary>
    public bool EmbeddedResource { get; set; }

    /// <summary><c>nullable</c>: null is allowed.</summary>
    public bool Nullable { get; set; }

    /// <summary>The allowed values, when restricted.</summary>
    public IReadOnlyList<object?>? Enum { get; set; }

    /// <summary><c>minimum</c>.</summary>
    public double? Minimum { get; set; }

    /// <summary><c>maximum</c>.</summary>
    public double? Maximum { get; set; }

    /// <summary><c>exclusiveMinimum</c> (OpenAPI v3.0: a flag on minimum).</summary>
    public bool ExclusiveMinimum { get; set; }

    /// <summary><c>exclusiveMaximum</c> (a flag on maximum).</summary>
    public bool ExclusiveMaximum { get; set; }

    /// <summary><c>minLength</c>.</summary>
    public long? MinLength { get; set; }

    /// <summary><c>maxLength</c>.</summary>
    public long? MaxLength { get; set; }

    /// <summary><c>minItems</c>.</summary>
    public long? MinItems { get; set; }

    /// <summary><c>maxItems</c>.</summary>
    public long? MaxItems { get; set; }

    /// <summary><c>pattern</c> (an ECMA-262 regular expression, which .NET reads alike for the patterns CRDs use).</summary>
    public string? Pattern { get; set; }

    /// <summary>The schema of <paramref name="name"/> inside this object: a named property, else additionalProperties.</summary>
    public ApiSchema? Property(string name) =>
        Properties is not null && Properties.TryGetValue(name, out var property) ? property : AdditionalProperties;
}
