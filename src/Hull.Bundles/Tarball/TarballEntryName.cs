namespace Hull.Bundles.Tarball;

/// <summary>imgpkg's names inside a tarball.</summary>
public static class TarballEntryName
{
    /// <summary>The descriptor list, always the first entry.</summary>
    public const string Manifest = "manifest.json";

    /// <summary>The entry holding a blob: <c>sha256:HEX</c> becomes <c>sha256-HEX.tar.gz</c> whatever its media type.</summary>
    public static string ForBlob(string digest) => digest.Replace(':', '-') + ".tar.gz";
}
