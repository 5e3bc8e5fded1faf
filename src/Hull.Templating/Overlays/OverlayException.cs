using Hull.Failures;
namespace Hull.Templating.Overlays;

/// <summary>An overlay failure; the message carries ytt's path into the right-hand nodes ("Document on line …: Map item (key 'x') on line …: why").</summary>
public sealed class OverlayException(string message) : HullException(message)
{
    /// <summary>The same failure one level further out, prefixed with that level's description.</summary>
    public OverlayException Within(string prefix) => new(prefix + Message);
}
