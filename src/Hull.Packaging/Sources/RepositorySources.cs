using Hull.Yaml;

namespace Hull.Packaging.Sources;

/// <summary>
/// The user's list of named repositories, kept in <c>repositories.yml</c> under Hull's config folder
/// (<c>$HULL_CONFIG_DIR</c>, else <c>$XDG_CONFIG_HOME/hull</c>, else <c>~/.config/hull</c>).
/// </summary>
public sealed class RepositorySources
{
    /// <summary>The file name inside the config folder.</summary>
    public const string FileName = "repositories.yml";

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
                    sources.Add(new RepositorySource(name, location));
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

    /// <summary>The repository named <paramref name="name"/>, or null.</summary>
    public RepositorySource? Find(string name) => _sources.FirstOrDefault(s => s.Name == name);

    /// <summary>Adds a repository; a folder location is stored as an absolute path. Fails when the name is taken.</summary>
    public RepositorySource Add(string name, string location)
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
            var updated = Add(name, location);
            _sources.Remove(updated);
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

    /// <summary>Writes the list to a temporary file beside <see cref="Path"/>, then moves it into place.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        var list = new YamlArray(_sources.Select(s => new ArrayItem(new Map([new MapItem("name", s.Name), new MapItem("location", s.Location)]))));
        string text = YamlEmitter.Emit(new Map([new MapItem("repositories", list)]));
        string dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(dir);
        string temp = System.IO.Path.Combine(dir, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temp, text, cancellationToken).ConfigureAwait(false);
            File.Move(temp, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}

/// <summary>A problem with the list of repositories (a taken or unknown name, an unreadable file).</summary>
public sealed class RepositorySourceException(string message) : Exception(message);
