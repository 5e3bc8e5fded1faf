namespace Hull.Images.Search;

/// <summary>One place an image reference was found: its value and how to write the resolved reference back.</summary>
/// <param name="Image">The reference as written.</param>
/// <param name="Set">Writes a new value in its place.</param>
public sealed record ImageSite(string Image, Action<string> Set);
