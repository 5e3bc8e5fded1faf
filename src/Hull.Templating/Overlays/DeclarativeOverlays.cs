using Hull.Starlark;
using Hull.Templating.Yaml;
using Hull.Yaml;

namespace Hull.Templating.Overlays;

/// <summary>ytt's "apply overlays" step: documents annotated `#@overlay/match` are taken out of the rendered files and applied, in file order, to all the others (empty documents are dropped first).</summary>
public static class DeclarativeOverlays
{
    /// <summary>Whether a rendered document is an overlay.</summary>
    public static bool IsOverlay(Document doc) =>
        YamlModel.Annotations(doc) is { } anns && anns.ContainsKey(OverlayAnnotationNames.Match);

    /// <summary>Pulls overlay documents out of <paramref name="files"/> and applies them to the remaining documents in place.</summary>
    public static void Apply(IReadOnlyList<RenderedFile> files, Func<StarlarkThread> newThread)
    {
        DocumentSet? overlays = null;
        List<string>? overlayFiles = null;
        var lefts = new List<DocumentSet>(files.Count);
        foreach (var file in files)
        {
            if (file.Yaml is not { } set) continue;
            lefts.Add(set);
            var docs = set.Items;
            int kept = 0;
            bool found = false;
            for (int i = 0; i < docs.Count; i++)
            {
                if (IsOverlay(docs[i]))
                {
                    (overlays ??= new DocumentSet()).Items.Add(docs[i]);
                    found = true;
                }
                else if (!docs[i].IsEmpty)
                {
                    // As ytt, empty documents (null, {}, []) are dropped before overlays: nothing can match them.
                    docs[kept++] = docs[i];
                }
            }
            docs.RemoveRange(kept, docs.Count - kept);
            if (!found) continue;
            (overlayFiles ??= []).Add(file.RelativePath);
        }
        if (overlays is null) return;

        try
        {
            new OverlayEngine(newThread()).ApplyDocumentSets(lefts, overlays);
        }
        catch (OverlayException e)
        {
            throw new TemplateException($"Overlaying (in following order: {string.Join(", ", overlayFiles!)}): {e.Message}", e);
        }
    }
}
