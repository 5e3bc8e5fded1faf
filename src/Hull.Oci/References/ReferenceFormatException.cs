namespace Hull.Oci.References;

/// <summary>An image reference, repository name, tag or digest that does not follow the grammar.</summary>
public sealed class ReferenceFormatException(string message) : OciException(message);
