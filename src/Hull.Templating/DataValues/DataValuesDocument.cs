using Hull.Starlark.Values;
using Hull.Templating.Yaml;
using Hull.Yaml;

namespace Hull.Templating.DataValues;

/// <summary>What an evaluated data values document declares.</summary>
public enum DataValuesDocumentKind
{
    /// <summary>`#@data/values`: values overlaid on earlier ones.</summary>
    Values,
    /// <summary>`#@data/values-schema`: types and defaults.</summary>
    Schema,
}

/// <summary>An evaluated `#@data/values` or `#@data/values-schema` document and where it is aimed.</summary>
/// <param name="Document">The evaluated document (annotations attached to its nodes).</param>
/// <param name="Kind">Values or schema.</param>
/// <param name="File">The file it came from.</param>
/// <param name="LibraryRef">`#@library/ref "@a@b"` as segments (empty: this library).</param>
/// <param name="AfterLibraryModule">`after_library_module=True`: applied after `with_data_values()`.</param>
public sealed record DataValuesDocument(Document Document, DataValuesDocumentKind Kind, string File, IReadOnlyList<string> LibraryRef, bool AfterLibraryModule)
{
    /// <summary>Annotation naming a library.</summary>
    public const string LibraryRefAnnotation = "library/ref";

    /// <summary>Classifies an evaluated document; null when it is not a data values document.</summary>
    public static DataValuesDocument? From(Document doc, string file)
    {
        var anns = YamlModel.Annotations(doc);
        if (anns is null) return null;
        DataValuesDocumentKind kind;
        Evaluation.NodeAnnotation? ann;
        if (anns.TryGetValue(DataValuesDocuments.Values, out ann)) kind = DataValuesDocumentKind.Values;
        else if (anns.TryGetValue(DataValuesDocuments.Schema, out ann)) kind = DataValuesDocumentKind.Schema;
        else return null;

        bool after = false;
        foreach (var (k, v) in ann.Kwargs)
        {
            if (k == "after_library_module" && v is BoolValue b) after = b.Value;
            else throw new TemplateException($"Unknown keyword argument '{k}' of @{(kind == DataValuesDocumentKind.Values ? DataValuesDocuments.Values : DataValuesDocuments.Schema)} (at {doc.Position.AsCompactString()})");
        }
        IReadOnlyList<string> libRef = [];
        if (anns.TryGetValue(LibraryRefAnnotation, out var refAnn))
        {
            if (refAnn.Args.Length != 1 || refAnn.Args[0] is not StringValue s || !s.Value.StartsWith('@'))
            {
                throw new TemplateException($"Expected @{LibraryRefAnnotation} to have one string argument starting with '@' (e.g. \"@lib\") (at {doc.Position.AsCompactString()})");
            }
            libRef = s.Value.Split('@', StringSplitOptions.RemoveEmptyEntries);
        }
        else if (after)
        {
            throw new TemplateException($"Expected after_library_module= only on documents annotated @{LibraryRefAnnotation} (at {doc.Position.AsCompactString()})");
        }
        return new DataValuesDocument(doc, kind, file, libRef, after);
    }

    /// <summary>The same document aimed one library further down (its first reference segment consumed).</summary>
    public DataValuesDocument Descend() => this with { LibraryRef = LibraryRef.Skip(1).ToList() };
}
