namespace Hull.Oci.References;

/// <summary>
/// A registry image reference normalised as Docker does: <c>nginx</c> is
/// <c>index.docker.io/library/nginx:latest</c>. A digest, when present, wins over the tag.
/// </summary>
public sealed record ImageReference : ImageLocation
{
    /// <summary>Docker Hub's registry host after normalisation.</summary>
    public const string DockerHub = "index.docker.io";

    /// <summary>The tag used when a reference names neither a tag nor a digest.</summary>
    public const string DefaultTag = "latest";

    /// <summary>The registry host, with a port if one was given (<c>index.docker.io</c>, <c>localhost:5000</c>).</summary>
    public string Registry { get; }

    /// <summary>The repository path inside the registry (<c>library/nginx</c>).</summary>
    public string RepositoryPath { get; }

    /// <inheritdoc />
    public override string? Tag { get; }

    /// <inheritdoc />
    public override Digest? Digest { get; }

    private ImageReference(string registry, string repository, string? tag, Digest? digest)
    {
        Registry = registry;
        RepositoryPath = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The repository's full name, <c>registry/repository</c>.</summary>
    public string Name => Registry + "/" + RepositoryPath;

    /// <inheritdoc />
    public override string Repository => Name;

    /// <summary>Creates a reference from its parts, validating and normalising each.</summary>
    public static ImageReference Create(string registry, string repository, string? tag = null, Digest? digest = null)
    {
        string text = registry + "/" + repository;
        registry = NormaliseRegistry(registry, text);
        ValidateRepository(repository, text);
        if (registry == DockerHub && !repository.Contains('/'))
            repository = "library/" + repository;
        if (tag is not null)
            ValidateTag(tag, text);
        if (tag is null && digest is null)
            tag = DefaultTag;
        return new ImageReference(registry, repository, tag, digest);
    }

    /// <summary>Parses a reference such as <c>nginx</c>, <c>host:5000/a/b:tag</c> or <c>repo:tag@sha256:…</c>.</summary>
    public static new ImageReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
            throw Invalid(text, "empty reference");
        if (text.Length > 4096)
            throw Invalid(text, "too long");
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
                throw Invalid(text, "contains whitespace or control characters");
        }

        string rest = text;
        Digest? digest = null;
        int at = rest.IndexOf('@');
        if (at >= 0)
        {
            if (!Digest.TryParse(rest[(at + 1)..], out digest))
                throw Invalid(text, $"invalid digest \"{rest[(at + 1)..]}\" (want sha256:<64 lowercase hex digits>)");
            rest = rest[..at];
        }

        string? tag = null;
        int lastColon = rest.LastIndexOf(':');
        if (lastColon > rest.LastIndexOf('/'))
        {
            tag = rest[(lastColon + 1)..];
            rest = rest[..lastColon];
            ValidateTag(tag, text);
        }

        string registry = "", repository = rest;
        int slash = rest.IndexOf('/');
        if (slash > 0)
        {
            string first = rest[..slash];
            if (first.Contains('.') || first.Contains(':') || first == "localhost")
            {
                registry = first;
                repository = rest[(slash + 1)..];
            }
        }
        registry = NormaliseRegistry(registry, text);
        ValidateRepository(repository, text);
        if (registry == DockerHub && !repository.Contains('/'))
            repository = "library/" + repository;
        if (tag is null && digest is null)
            tag = DefaultTag;
        return new ImageReference(registry, repository, tag, digest);
    }

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ImageReference? reference)
    {
        reference = null;
        if (text is null)
            return false;
        try
        {
            reference = Parse(text);
            return true;
        }
        catch (ReferenceFormatException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public override ImageReference WithTag(string tag)
    {
        ValidateTag(tag, Name + ":" + tag);
        return new ImageReference(Registry, RepositoryPath, tag, null);
    }

    /// <inheritdoc />
    public override ImageReference WithDigest(Digest digest) => new(Registry, RepositoryPath, null, digest);

    /// <summary>Another repository in the same registry.</summary>
    public ImageReference WithRepository(string repository) => Create(Registry, repository, Tag, Digest);

    /// <summary>The canonical text form: <c>registry/repository[:tag][@digest]</c>.</summary>
    public override string ToString() =>
        Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    private static string NormaliseRegistry(string registry, string text)
    {
        if (registry.Length == 0 || registry == "docker.io" || registry == "registry-1.docker.io")
            return DockerHub;
        ReadOnlySpan<char> host = registry;
        int portColon = -1;
        if (host[0] == '[')
        {
            int close = host.IndexOf(']');
            if (close < 0)
                throw Invalid(text, $"registry \"{registry}\" has an unterminated IPv6 address");
            foreach (char c in host[1..close])
            {
                if (!char.IsAsciiHexDigit(c) && c != ':' && c != '.')
                    throw Invalid(text, $"registry \"{registry}\" has an invalid IPv6 address");
            }
            if (close + 1 < host.Length)
            {
                if (host[close + 1] != ':')
                    throw Invalid(text, $"registry \"{registry}\" is not a host[:port]");
                portColon = close + 1;
            }
        }
        else
        {
            portColon = host.IndexOf(':');
            ReadOnlySpan<char> name = portColon < 0 ? host : host[..portColon];
            if (name.Length == 0)
                throw Invalid(text, $"registry \"{registry}\" has an empty host name");
            foreach (string label in name.ToString().Split('.'))
            {
                if (label.Length == 0 || label[0] == '-' || label[^1] == '-')
                    throw Invalid(text, $"registry \"{registry}\" is not a valid host name");
                foreach (char c in label)
                {
                    if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                        throw Invalid(text, $"registry \"{registry}\" is not a valid host name");
                }
            }
        }
        if (portColon >= 0)
        {
            ReadOnlySpan<char> port = host[(portColon + 1)..];
            if (port.Length == 0 || port.Length > 5 || !int.TryParse(port, out int p) || p is < 1 or > 65535)
                throw Invalid(text, $"registry \"{registry}\" has an invalid port");
            foreach (char c in port)
            {
                if (!char.IsAsciiDigit(c))
                    throw Invalid(text, $"registry \"{registry}\" has an invalid port");
            }
        }
        return registry;
    }

    /// <summary>Checks a repository path against the distribution grammar (lowercase components joined by <c>/</c>).</summary>
    public static void ValidateRepository(string repository, string text)
    {
        if (repository.Length == 0)
            throw Invalid(text, "empty repository name");
        if (repository.Length > 255)
            throw Invalid(text, "repository name longer than 255 characters");
        foreach (string component in repository.Split('/'))
        {
            if (component.Length == 0)
                throw Invalid(text, "repository name has an empty path component");
            if (!char.IsAsciiLetterLower(component[0]) && !char.IsAsciiDigit(component[0])
                || !char.IsAsciiLetterLower(component[^1]) && !char.IsAsciiDigit(component[^1]))
                throw Invalid(text, $"repository path component \"{component}\" must start and end with a lowercase letter or digit");
            for (int i = 0; i < component.Length; i++)
            {
                char c = component[i];
                if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
                    continue;
                if (char.IsAsciiLetterUpper(c))
                    throw Invalid(text, "repository name must be lowercase");
                if (c == '.' || c == '-')
                {
                    if (c == '.' && !IsAlnum(component[i + 1]) || c == '-' && !IsAlnum(component[i + 1]) && component[i + 1] != '-')
                        throw Invalid(text, $"repository path component \"{component}\" has consecutive separators");
                    continue;
                }
                if (c == '_')
                {
                    // One or two underscores separate alphanumerics; never three, never mixed with '.'.
                    if (component[i + 1] == '_')
                    {
                        if (!IsAlnum(component[i + 2]))
                            throw Invalid(text, $"repository path component \"{component}\" has invalid separators");
                        i++;
                    }
                    else if (!IsAlnum(component[i + 1]))
                        throw Invalid(text, $"repository path component \"{component}\" has invalid separators");
                    continue;
                }
                throw Invalid(text, $"repository name has an invalid character '{c}'");
            }
        }
    }

    private static bool IsAlnum(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    /// <summary>Checks a tag: a word character then up to 127 of word characters, <c>.</c> and <c>-</c>.</summary>
    public static void ValidateTag(string tag, string text)
    {
        if (tag.Length == 0)
            throw Invalid(text, "empty tag");
        if (tag.Length > 128)
            throw Invalid(text, "tag longer than 128 characters");
        for (int i = 0; i < tag.Length; i++)
        {
            char c = tag[i];
            bool word = char.IsAsciiLetterOrDigit(c) || c == '_';
            if (!word && (i == 0 || c != '.' && c != '-'))
                throw Invalid(text, $"invalid tag \"{tag}\"");
        }
    }

    private static ReferenceFormatException Invalid(string text, string why)
    {
        string shown = text.Length <= 200 ? text : text[..200] + "…";
        return new ReferenceFormatException($"invalid image reference \"{shown}\": {why}");
    }
}
