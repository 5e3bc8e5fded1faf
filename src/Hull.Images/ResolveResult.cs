using Hull.Images.Resolving;
using Hull.Yaml;

namespace Hull.Images;

/// <summary>The output of a resolution.</summary>
/// <param name="Documents">The input documents (Config and ImagesLock removed), updated in place, in input order.</param>
/// <param name="Images">Each distinct reference found, in order of first appearance, with what it resolved to.</param>
public sealed record ResolveResult(IReadOnlyList<Document> Documents, IReadOnlyList<ResolvedImage> Images);
