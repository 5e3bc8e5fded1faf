using Hull.Failures;
using Hull.Oci.Signatures;
using Hull.Packaging.Installing;
using Hull.Yaml;

namespace Hull.Packaging.Sources;

/// <summary>
/// The user's list of named repositories, kept in <c>repositories.yml</c> under Hull's config folder
/// (<c>$HULL_CONFIG_DIR</c>, else <c>$XDG_CONFIG_HOME/hull</c>, else <c>~/.config/hull</c>). A repository's trusted
/// keys are recorded there by fingerprint and kept as copies in <c>trusted-keys/</c> beside it: what is trusted is
/// the key given to <c>repo add --trust</c>, whatever later happens to that file. Both are written 0600 in 0700
/// folders, since whoever can change them decides what this machine installs.
/// </summary>
public sealed class RepositorySources
{
    /// <summary>The file name inside the config folder.</summary>
    public const string FileName = "repositories.yml";

    /// <summary>The folder beside <see cref="FileName"/> holding the trusted keys, <c>HEX.pub</c> each.</summary>
    public const string KeysFolder = "trusted-keys";

    private readonly List<RepositorySource> _sources;

    private RepositorySources(string path, List<RepositorySource> sources)
    {
        Path = path;
        _sources = sources;
    }

    /// <summary>The file the list is read from and saved to.</summary>
    public string Path { get; }

    /// <summary>The repositories, in the order they were added.</summary>
    public IReadOnlyList<RepositorySource> All => _sources;

    /// <summary>The default file: <c>repositories.yml</c> in Hull's config folder.</summary>
    public static string DefaultPath()
    {
        string? dir = Environment.GetEnvironmentVariable("HULL_CONFIG_DIR");
        if (string.IsNullOrEmpty(dir))
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            dir = string.IsNullOrEmpty(xdg)
                ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "hull")
                : System.IO.Path.Combine(xdg, "hull");
        }
        return System.IO.Path.Combine(dir, FileName);
    }

    /// <summary>Reads the list; a missing file is an empty list.</summary>
    public static async Task<RepositorySources> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return new RepositorySources(path, []);
        }
        string text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var sources = new List<RepositorySource>();
        try
        {
            var document = YamlParser.Parse(text, path, new YamlParseOptions { WithoutComments = true }).Items.FirstOrDefault(d => !d.IsEmpty);
            if (document?.Value is Map root && root.Find("repositories")?.Value is YamlArray list)
            {
                foreach (var item in list.Items)
                {
                    if (item.Value is not Map entry || entry.Find("name")?.Value is not string name || entry.Find("location")?.Value is not string location)
                    {
                        throw new RepositorySourceException($"{path}:{item.Position.Line}: each repository needs a name and a location");
                    }
                    sources.Add(new RepositorySource(name, location) { Trust = ReadTrust(path, name, entry.Find("trust")) });
                }
            }
            else if (document is not null)
            {
                throw new RepositorySourceException($"{path}: expected 'repositories:' with a list of name and location");
            }
        }
        catch (YamlException ex)
        {
            throw new RepositorySourceException($"{path}: not valid YAML: {ex.Message}");
        }
        return new RepositorySources(path, sources);
    }

    // `trust:` is a list of key fingerprints; anything else would silently turn verification off, so it is an error.
    private static List<TrustedKey> ReadTrust(string path, string name, MapItem? item)
    {
        if (item is null)
        {
            return [];
        }
        var fingerprints = item.Value is YamlArray list ? list.Items.Select(i => i.Value as string).ToList() : [null];
        if (fingerprints.Count == 0 || fingerprints.Any(f => f is null || !IsFingerprint(f)))
        {
            throw new RepositorySourceException($"{path}:{item.Position.Line}: repository '{name}': trust must list key fingerprints (sha256:HEX)");
        }
        return fingerprints.Select(f => new TrustedKey(f!, KeyFile(path, f!))).ToList();
    }

    private static bool IsFingerprint(string text) =>
        text.StartsWith("sha256:", StringComparison.Ordinal) && text.Length == 71 && text[7..].All(char.IsAsciiHexDigitLower);

    private static string KeyFile(string listPath, string fingerprint) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(listPath))!, KeysFolder, fingerprint["sha256:".Length..] + ".pub");

    /// <summary>The repository named <paramref name="name"/>, or null.</summary>
    public RepositorySource? Find(string name) => _sources.FirstOrDefault(s => s.Name == name);

    /// <summary>
    /// Adds a repository; a folder location is stored as an absolute path. Fails when the name is taken. With
    /// <paramref name="trust"/>, its bundle must be signed by one of those keys, which are copied beside the list now.
    /// </summary>
    public RepositorySource Add(string name, string location, IReadOnlyList<VerificationKey>? trust = null)
    {
        var source = Added(name, location);
        if (trust is { Count: > 0 })
        {
            source = source with { Trust = Keep(source, trust) };
            _sources[^1] = source;
        }
        return source;
    }

    // Copies the keys (content-addressed, so repositories trusting one key share its file) into the 0700 keys folder.
    private List<TrustedKey> Keep(RepositorySource source, IReadOnlyList<VerificationKey> keys)
    {
        if (source.Kind == RepositorySourceKind.Directory)
        {
            _sources.Remove(source);
            throw new RepositorySourceException($"repository '{source.Name}': a folder has no signature to verify; --trust needs the repository bundle (a registry reference or oci:PATH[:TAG])");
        }
        string folder = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!, KeysFolder);
        PrivateFiles.CreateFolder(folder);
        var trusted = new List<TrustedKey>();
        foreach (var key in keys.DistinctBy(k => k.Fingerprint))
        {
            var entry = new TrustedKey(key.Fingerprint, KeyFile(Path, key.Fingerprint));
            PrivateFiles.Write(entry.File, key.ExportPem(), restricted: true);
            trusted.Add(entry);
        }
        return trusted;
    }

    private RepositorySource Added(string name, string location)
    {
        if (RepositorySource.ProblemWithName(name) is string problem)
        {
            throw new RepositorySourceException(problem);
        }
        if (Find(name) is { } existing)
        {
            throw new RepositorySourceException($"repository '{name}' already exists ({existing.Location}); remove it first");
        }
        if (RepositorySource.KindOf(location) == RepositorySourceKind.Directory)
        {
            location = System.IO.Path.GetFullPath(location);
        }
        else
        {
            try
            {
                Hull.Oci.References.ImageLocation.Parse(location);
            }
            catch (Hull.Oci.References.ReferenceFormatException ex)
            {
                throw new RepositorySourceException($"repository '{name}': '{location}' is not a folder, an oci: layout or a registry reference: {ex.Message}");
            }
        }
        var source = new RepositorySource(name, location);
        _sources.Add(source);
        return source;
    }

    /// <summary>Points an existing repository at a new location, keeping its place in the list (tanzu's <c>repository update</c>).</summary>
    public RepositorySource Update(string name, string location)
    {
        int index = _sources.FindIndex(s => s.Name == name);
        if (index < 0)
        {
            Remove(name); // fails naming the known ones
        }
        var old = _sources[index];
        _sources.RemoveAt(index);
        try
        {
            var updated = Added(name, location) with { Trust = old.Trust };
            _sources.RemoveAt(_sources.Count - 1);
            if (updated.IsVerified && updated.Kind == RepositorySourceKind.Directory)
            {
                throw new RepositorySourceException($"repository '{name}' is verified (trusts {updated.Trust.Count} key(s)); a folder has no signature to verify: remove and add it again without --trust");
            }
            _sources.Insert(index, updated);
            return updated;
        }
        catch
        {
            _sources.Insert(index, old);
            throw;
        }
    }

    /// <summary>Removes a repository; fails naming the known ones when there is none by that name.</summary>
    public RepositorySource Remove(string name)
    {
        var source = Find(name) ?? throw new RepositorySourceException(
            $"no repository named '{name}'; {(_sources.Count == 0 ? "none are configured" : $"known: {string.Join(", ", _sources.Select(s => s.Name))}")}");
        _sources.Remove(source);
        return source;
    }

    /// <summary>Writes the list (0600, in a 0700 folder) to a temporary file beside <see cref="Path"/>, then moves it into place.</summary>
    public Task SaveAsync(CancellationToken cancellationToken)
    {
        var list = new YamlArray(_sources.Select(s => new ArrayItem(new Map(Fields(s)))));
        string text = YamlEmitter.Emit(new Map([new MapItem("repositories", list)]));
        string dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        PrivateFiles.CreateFolder(dir);
        string temp = System.IO.Path.Combine(dir, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            PrivateFiles.Write(temp, text, restricted: true);
            File.Move(temp, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
        return Task.CompletedTask;
    }

    private static IEnumerable<MapItem> Fields(RepositorySource source)
    {
        yield return new MapItem("name", source.Name);
        yield return new MapItem("location", source.Location);
        if (source.IsVerified)
        {
            yield return new MapItem("trust", new YamlArray(source.Trust.Select(k => new ArrayItem(k.Fingerprint))));
        }
    }
}

/// <summary>A problem with the list of repositories (a taken or unknown name, an unreadable file).</summary>
public sealed class RepositorySourceException(string message) : HullException(message);
