using Hull.Failures;

namespace Hull.Packaging.Versions;

/// <summary>A version constraint that is not understood; the message names the part.</summary>
public sealed class VersionRangeException(string message) : HullException(message);
