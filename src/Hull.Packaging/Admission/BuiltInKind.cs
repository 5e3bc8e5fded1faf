namespace Hull.Packaging.Admission;

/// <summary>A kind the Kubernetes v1.24 API server (with kapp-controller's aggregated API) serves without a CRD.</summary>
/// <param name="Group">Its API group (empty for the core group).</param>
/// <param name="Version">Its version.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Namespaced">Whether its objects live in a namespace.</param>
/// <param name="Schema">Its OpenAPI definition.</param>
public sealed record BuiltInKind(string Group, string Version, string Kind, bool Namespaced, ApiSchema Schema);
