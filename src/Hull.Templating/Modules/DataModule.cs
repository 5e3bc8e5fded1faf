using System.Text;
using Hull.Starlark.Values;
using Hull.Templating.Evaluation;
using Hull.Templating.Files;
using Hull.Templating.Values;

namespace Hull.Templating.Modules;

/// <summary>`@ytt:data`: data.values, data.list() and data.read() over the files of the current library.</summary>
/// <remarks>The values are supplied lazily so `#@data/values` documents can be evaluated before templates read them.
/// Paths are relative to the library's root (<paramref name="libraryRoot"/>, e.g. `_ytt_lib/lib/`); data.read() also
/// finds files relative to the reading file.</remarks>
public sealed class DataModule(Func<Value> values, IReadOnlyList<InputFile> files, string libraryRoot = "")
{
    /// <summary>Builds the module value.</summary>
    public Value Create() => new DataValue(this);

    private IEnumerable<(string Path, InputFile File)> LibraryFiles()
    {
        foreach (var f in files)
        {
            if (!f.RelativePath.StartsWith(libraryRoot, StringComparison.Ordinal)) continue;
            string rel = f.RelativePath[libraryRoot.Length..];
            yield return (rel, f);
        }
    }

    private sealed class DataValue(DataModule owner) : Value, IHasAttributes
    {
        private Value? _values;

        public override string Type => "module";

        public IEnumerable<string> AttrNames => ["values", "list", "read"];

        public Value? GetAttr(string name) => name switch
        {
            "values" => _values ??= owner.ValuesSource(),
            "list" => HostFunction.Create("data.list", a =>
            {
                a.AtMost(1);
                string prefix = a.Positional.Length == 1 ? a.String(0).TrimStart('/').TrimEnd('/') : "";
                var list = owner.LibraryFiles()
                    .Where(f => prefix.Length == 0 || f.Path.StartsWith(prefix + "/", StringComparison.Ordinal))
                    .Select(f => (Value)StringValue.Of(f.Path))
                    .ToList();
                return new ListValue(list);
            }),
            "read" => HostFunction.Create("data.read", a =>
            {
                a.Exactly(1);
                string requested = a.String(0);
                string path = requested.TrimStart('/');
                InputFile? file = null;
                if (!requested.StartsWith('/') && a.Thread.GetLocal(ModuleLoader.CurrentFileKey) is string current)
                {
                    string dir = Path.GetDirectoryName(current)?.Replace('\\', '/') ?? "";
                    string candidate = Normalize(dir.Length == 0 ? path : dir + "/" + path);
                    file = owner.Files.FirstOrDefault(f => f.RelativePath == candidate);
                }
                file ??= owner.LibraryFiles().FirstOrDefault(f => f.Path == path).File
                    ?? throw new HostError($"Expected to find file '{path}'");
                return StringValue.Of(Encoding.UTF8.GetString(file.Bytes));
            }),
            _ => null,
        };

        public override void Freeze() { }

        private static string Normalize(string path)
        {
            var parts = new List<string>();
            foreach (var seg in path.Split('/'))
            {
                if (seg is "" or ".") continue;
                if (seg == "..")
                {
                    if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                    continue;
                }
                parts.Add(seg);
            }
            return string.Join("/", parts);
        }
    }

    private Func<Value> ValuesSource => values;

    private IReadOnlyList<InputFile> Files => files;
}
