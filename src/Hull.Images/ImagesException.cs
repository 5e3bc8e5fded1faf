using Hull.Failures;
namespace Hull.Images;

/// <summary>A failure finding or resolving image references, with a message a user can act on (may span lines, one per reference).</summary>
public sealed class ImagesException(string message) : HullException(message);
