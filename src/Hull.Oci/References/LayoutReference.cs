namespace Hull.Oci.References;

/// <summary>
/// An image in an OCI image layout directory, written like skopeo's transport: <c>oci:PATH:TAG</c>,
/// <c>oci:PATH@sha256:…</c>, or <c>oci:PATH</c> for the layout's only image.
/// </summary>
public sealed record LayoutReference : ImageLocation
{
    /// <summary>The layout directory.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override string? Tag { get; }

    /// <inheritdoc />
    public override Digest? Digest { get; }

    /// <summary>Creates a layout location; at most one of tag and digest.</summary>
    public LayoutReference(string path, string? tag = null, Digest? digest = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (tag is not null && digest is not null)
            throw new ReferenceFormatException($"invalid layout reference \"oci:{path}:{tag}@{digest}\": name a tag or a digest, not both");
        if (tag is not null)
            ValidateLayoutTag(tag, path);
        Path = path;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>Parses <c>oci:PATH[:TAG|@DIGEST]</c>; the path ends at the first colon, as in skopeo.</summary>
    public static new LayoutReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(LayoutPrefix, StringComparison.Ordinal))
            throw new ReferenceFormatException($"invalid layout reference \"{text}\": must start with \"{LayoutPrefix}\"");
        string rest = text[LayoutPrefix.Length..];
        int at = rest.LastIndexOf('@');
        if (at >= 0 && rest.IndexOf(':', at) > at)
        {
            if (!Digest.TryParse(rest[(at + 1)..], out var digest))
                throw new ReferenceFormatException($"invalid layout reference \"{text}\": invalid digest \"{rest[(at + 1)..]}\"");
            if (at == 0)
                throw new ReferenceFormatException($"invalid layout reference \"{text}\": empty path");
            return new LayoutReference(rest[..at], null, digest);
        }
        int colon = rest.IndexOf(':');
        string path = colon < 0 ? rest : rest[..colon];
        string? tag = colon < 0 ? null : rest[(colon + 1)..];
        if (path.Length == 0)
            throw new ReferenceFormatException($"invalid layout reference \"{text}\": empty path");
        if (tag is { Length: 0 })
            tag = null;
        return new LayoutReference(path, tag);
    }

    private static void ValidateLayoutTag(string tag, string path)
    {
        // The OCI layout's ref.name allows more than registry tags (e.g. "a/b:c"), but ':' would be ambiguous here.
        foreach (char c in tag)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-' or '/' or '+'))
                throw new ReferenceFormatException($"invalid layout reference \"oci:{path}:{tag}\": invalid character '{c}' in tag");
        }
    }

    /// <inheritdoc />
    public override string Repository => LayoutPrefix + Path;

    /// <inheritdoc />
    public override LayoutReference WithTag(string tag) => new(Path, tag);

    /// <inheritdoc />
    public override LayoutReference WithDigest(Digest digest) => new(Path, null, digest);

    /// <summary>The text form, <c>oci:PATH[:TAG|@DIGEST]</c>.</summary>
    public override string ToString() =>
        LayoutPrefix + Path + (Digest is not null ? "@" + Digest : Tag is not null ? ":" + Tag : "");
}
