using Hull.Yaml;

namespace Hull.Cli.Commands;

/// <summary>kbld's <c>-f</c>: files, directories (recursively, .yml/.yaml/.json, sorted), <c>-</c> for stdin, https URLs.</summary>
public static class ResolveInputs
{
    /// <summary>Parses every input into documents, in the order given.</summary>
    public static async Task<List<DocumentSet>> ReadAsync(IEnumerable<string> paths, Func<Stream> stdin, CancellationToken cancellationToken)
    {
        var sets = new List<DocumentSet>();
        foreach (var path in paths)
        {
            foreach (var (name, bytes) in await LoadAsync(path, stdin, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    // Invalid UTF-8 is refused (as kbld's YAML reader refuses it) rather than read as U+FFFD.
                    string text = Utf8Input.Decode(bytes, name);
                    sets.Add(YamlParser.Parse(text, name, new YamlParseOptions { WithoutComments = true }));
                }
                catch (YamlException e)
                {
                    throw new YamlException($"{name}: {e.Message}", e.Position, e);
                }
            }
        }
        return sets;
    }

    private static async Task<List<(string Name, byte[] Bytes)>> LoadAsync(string path, Func<Stream> stdin, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            using var input = stdin();
            using var buffer = new MemoryStream();
            await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return [("stdin", buffer.ToArray())];
        }
        if (path.StartsWith("https://", StringComparison.Ordinal) || path.StartsWith("http://", StringComparison.Ordinal))
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            using var response = await http.GetAsync(path, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new IOException($"fetching {path}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            return [(path, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false))];
        }
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetExtension(f) is ".yml" or ".yaml" or ".json")
                .Order(StringComparer.Ordinal)
                .ToList();
            var result = new List<(string, byte[])>(files.Count);
            foreach (var f in files)
            {
                result.Add((f, await File.ReadAllBytesAsync(f, cancellationToken).ConfigureAwait(false)));
            }
            return result;
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"-f {path}: no such file or directory");
        }
        return [(path, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false))];
    }
}
