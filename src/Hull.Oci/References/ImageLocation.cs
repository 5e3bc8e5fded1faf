namespace Hull.Oci.References;

/// <summary>Where an image lives: a registry reference or an OCI image layout directory (<c>oci:PATH:TAG</c>).</summary>
public abstract record ImageLocation
{
    private protected ImageLocation() { }

    /// <summary>The prefix that selects an OCI image layout, as in skopeo's transport names.</summary>
    public const string LayoutPrefix = "oci:";

    /// <summary>Parses <c>oci:PATH[:TAG|@DIGEST]</c> as a layout location and anything else as a registry reference.</summary>
    public static ImageLocation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith(LayoutPrefix, StringComparison.Ordinal))
            return LayoutReference.Parse(text);
        if (text.StartsWith("docker://", StringComparison.Ordinal))
            return ImageReference.Parse(text["docker://".Length..]);
        return ImageReference.Parse(text);
    }

    /// <summary>The tag named by this location, if any.</summary>
    public abstract string? Tag { get; }

    /// <summary>The digest named by this location, if any; it wins over the tag.</summary>
    public abstract Digest? Digest { get; }

    /// <summary>The digest text if a digest is named, else the tag (or null for a layout's only image).</summary>
    public string? Identifier => Digest?.ToString() ?? Tag;

    /// <summary>The repository part, without tag or digest: <c>registry/repo</c>, or <c>oci:PATH</c> for a layout.</summary>
    public abstract string Repository { get; }

    /// <summary>The same repository pinned to <paramref name="digest"/>, without a tag.</summary>
    public abstract ImageLocation WithDigest(Digest digest);

    /// <summary>The same repository with <paramref name="tag"/> and no digest.</summary>
    public abstract ImageLocation WithTag(string tag);

    /// <summary><c>REPO@sha256:…</c>, the digest reference text imgpkg and kbld print.</summary>
    public string DigestReference(Digest digest) => Repository + "@" + digest;
}
