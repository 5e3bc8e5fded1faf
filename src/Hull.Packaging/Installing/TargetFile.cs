namespace Hull.Packaging.Installing;

/// <summary>One rendered resource as a target writes it.</summary>
/// <param name="Key">The resource.</param>
/// <param name="FileName">Its file name inside the installation's folder.</param>
/// <param name="Text">Its YAML.</param>
public sealed record TargetFile(ResourceKey Key, string FileName, string Text);
