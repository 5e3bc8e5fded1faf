namespace Hull.Packaging.Rendering;

/// <summary>
/// The App kapp-controller templates a PackageInstall as (same name and namespace): what a template step's
/// <c>valuesFrom: downwardAPI</c> items <c>metadata.name</c> and <c>metadata.namespace</c> read.
/// </summary>
public sealed record AppIdentity(string Name, string Namespace);
