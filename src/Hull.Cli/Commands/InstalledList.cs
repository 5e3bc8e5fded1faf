using System.Text;
using System.Text.Json;
using Hull.Packaging.Installing;
using Hull.Yaml;

namespace Hull.Cli.Commands;

/// <summary>
/// <c>tanzu package installed list</c>'s output: the table (NAMESPACE with <c>-A</c>, NAME, PACKAGE-NAME,
/// PACKAGE-VERSION, STATUS), or for scripts the same rows as YAML or JSON objects keyed by the lower-case column names.
/// </summary>
public static class InstalledList
{
    /// <summary>Writes the installations in <paramref name="format"/> (table, yaml or json).</summary>
    public static void Write(TextWriter output, IReadOnlyList<Installation> installations, bool withNamespace, string format) =>
        Write(output, installations.Select(i => (i.Namespace, i.Name, i.Install.Spec.PackageRef?.RefName ?? "", i.Version ?? i.LastAttemptedVersion ?? "", i.Description)).ToList(), withNamespace, format);

    /// <summary>Writes rows of (namespace, name, package, version, status) in <paramref name="format"/> (table, yaml or json).</summary>
    public static void Write(TextWriter output, IReadOnlyList<(string Namespace, string Name, string Package, string Version, string Status)> installations, bool withNamespace, string format)
    {
        string[] headers = withNamespace ? ["NAMESPACE", "NAME", "PACKAGE-NAME", "PACKAGE-VERSION", "STATUS"] : ["NAME", "PACKAGE-NAME", "PACKAGE-VERSION", "STATUS"];
        var rows = installations
            .OrderBy(i => i.Namespace, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal)
            .Select(i =>
            {
                string[] cells = [i.Name, i.Package, i.Version, i.Status];
                return withNamespace ? cells.Prepend(i.Namespace).ToArray() : cells;
            })
            .ToList();
        if (format == "table")
        {
            var table = new TextTable(headers);
            foreach (var row in rows)
            {
                table.Add(row);
            }
            table.WriteTo(output);
            return;
        }
        // Go marshals maps with sorted keys, so the fields come alphabetically.
        var list = new YamlArray(rows.Select(row => new ArrayItem(new Map(
            headers.Select((h, i) => new MapItem(h.ToLowerInvariant(), row[i])).OrderBy(m => (string)m.Key!, StringComparer.Ordinal)))));
        output.Write(format == "json" ? Indented(JsonEmitter.Emit(list)) + "\n" : rows.Count == 0 ? "[]\n" : YamlEmitter.Emit(list));
    }

    // As Go's json.MarshalIndent with two spaces.
    private static string Indented(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            document.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
