using Hull.Templating.DataValues;

namespace Hull.Templating.Libraries;

/// <summary>
/// Which libraries templates asked for with library.get(), in one library and anywhere in the tree: as in ytt, values
/// aimed at a library nobody asked for are an error rather than silently ignored.
/// </summary>
public sealed class LibraryRequests
{
    private readonly HashSet<string> _here = new(StringComparer.Ordinal);
    private readonly HashSet<string> _anywhere;

    /// <summary>The requests of a root library.</summary>
    public LibraryRequests()
        : this(new HashSet<string>(StringComparer.Ordinal))
    {
    }

    private LibraryRequests(HashSet<string> anywhere) => _anywhere = anywhere;

    /// <summary>The requests of a nested library (sharing what was asked for anywhere).</summary>
    public LibraryRequests ForNested() => new(_anywhere);

    /// <summary>Records that a template asked for library <paramref name="refName"/> (its `#@library/ref` documents are used).</summary>
    public void Note(string refName)
    {
        _here.Add(refName);
        _anywhere.Add(refName);
    }

    /// <summary>
    /// Throws when a document of <paramref name="aimedAtLibraries"/> names a library this one never asked for, or, for
    /// the root library (<paramref name="commandLine"/> given), when a command-line value (`@lib:`) names a library no
    /// template asked for at any depth.
    /// </summary>
    public void CheckAllUsed(IEnumerable<DataValuesDocument> aimedAtLibraries, DataValuesSources? commandLine)
    {
        var unused = aimedAtLibraries.Where(d => !_here.Contains(d.LibraryRef[0]))
            .Select(d => $"library '@{string.Join("@", d.LibraryRef)}' on line {d.Document.Position.AsCompactString()}").ToList();
        if (commandLine is not null)
        {
            unused.AddRange(commandLine.Items.Where(i => i.Library is not null && !_anywhere.Contains(i.Library))
                .Select(i => $"library '@{i.Library}' from {i.Name}"));
        }
        if (unused.Count == 0) return;
        throw new TemplateException("Expected all provided library data values documents to be used but found unused: " + string.Join(", ", unused));
    }
}
