using Hull.Images.Config;
using Hull.Images.Resolving;
using Hull.Images.Search;

namespace Hull.Images;

/// <summary>The output of a resolution.</summary>
/// <param name="Resources">The input resources (configuration documents removed), updated in place, in input order.</param>
/// <param name="Images">Each distinct reference found, sorted by the reference as written, with what it resolved to.</param>
/// <param name="Config">The configuration the inputs carried (for <c>--lock-output</c>).</param>
public sealed record ResolveResult(IReadOnlyList<Resource> Resources, IReadOnlyList<ImageResolutionRecord> Images, KbldConfig Config);
