using Hull.Failures;
namespace Hull.Packaging.Rendering;

/// <summary>A package that cannot be fetched or templated; the message is one line naming the package and the step.</summary>
public sealed class PackageRenderException(string message, Exception? inner = null) : HullException(message, inner);
