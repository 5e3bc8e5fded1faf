namespace Hull.Packaging.Resources;

/// <summary>A document of a kind Hull does not model (a Deployment, a ConfigMap…), kept as written.</summary>
/// <param name="ApiVersion">Its apiVersion, or empty.</param>
/// <param name="Kind">Its kind, or empty.</param>
/// <param name="Metadata">Its name and namespace when readable.</param>
/// <param name="Value">The whole document, as Hull.Yaml values.</param>
public sealed record OtherResource(string ApiVersion, string Kind, ObjectMeta Metadata, object? Value) : IResource;
