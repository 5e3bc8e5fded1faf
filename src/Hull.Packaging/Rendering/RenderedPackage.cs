using Hull.Packaging.Resources;
using Hull.Yaml;

namespace Hull.Packaging.Rendering;

/// <summary>What a package's template steps produced.</summary>
/// <param name="Yaml">The final output, as the deploy step would receive it.</param>
/// <param name="Documents">Each non-empty output document as written (Hull.Yaml values), in order.</param>
/// <param name="Resources">The same documents read as resources (PackageInstall, Secret… typed; others kept as written).</param>
public sealed record RenderedPackage(string Yaml, IReadOnlyList<Document> Documents, IReadOnlyList<IResource> Resources);

/// <summary>A values file handed to a package's first ytt step (a values Secret's key, or a user's --values-file).</summary>
/// <param name="Name">Where it came from, for errors (e.g. <c>secret my-values values.yml</c>).</param>
/// <param name="Text">Plain YAML, or a ytt <c>#@data/values</c> document.</param>
public sealed record PackageValues(string Name, string Text);
