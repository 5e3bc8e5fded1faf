using System.Text;
using Hull.Starlark.Values;
using Hull.Templating.DataValues;
using Hull.Templating.Evaluation;
using Hull.Templating.Files;
using Hull.Templating.Values;
using Hull.Yaml;

namespace Hull.Templating.Libraries;

/// <summary>
/// A library returned by library.get(): immutable; with_data_values() and with_data_values_schema() return new
/// instances; eval(), export() and data_values() evaluate it (once per instance).
/// </summary>
public sealed class LibraryInstance : Value, IHasAttributes
{
    private readonly LibraryExecution _parent;
    private readonly Library _library;
    private readonly string _refName;
    private readonly string[] _keys;
    private readonly TemplateOptions _options;
    private readonly IReadOnlyList<DataValuesStep> _values;
    private readonly IReadOnlyList<DataValuesDocument> _schemas;
    private LibraryExecution? _execution;
    private Value? _evaluated;

    internal LibraryInstance(LibraryExecution parent, Library library, string refName, string[] keys, TemplateOptions options, IReadOnlyList<DataValuesStep> values, IReadOnlyList<DataValuesDocument> schemas)
    {
        _keys = keys;
        _parent = parent;
        _library = library;
        _refName = refName;
        _options = options;
        _values = values;
        _schemas = schemas;
    }

    /// <inheritdoc/>
    public override string Type => "library";

    /// <inheritdoc/>
    public IEnumerable<string> AttrNames => ["data_values", "eval", "export", "with_data_values", "with_data_values_schema"];

    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb) => sb.Append("library(").Append(_refName).Append(')');

    /// <inheritdoc/>
    public override void Freeze() { }

    /// <inheritdoc/>
    public Value? GetAttr(string name) => name switch
    {
        "with_data_values" => HostFunction.Create("library.with_data_values", a =>
        {
            a.AllowKwargs("plain");
            if (a.Positional.Length != 1) throw new HostError($"got {a.Positional.Length} arguments, want 1");
            bool plain = a.Kwarg("plain") is BoolValue { Value: true };
            var doc = ToDocument(a.Positional[0], "with_data_values");
            var step = new DataValuesStep(doc, $"with_data_values() of library '{_refName}'", plain);
            return new LibraryInstance(_parent, _library, _refName, _keys, _options, [.. _values, step], _schemas);
        }),
        "with_data_values_schema" => HostFunction.Create("library.with_data_values_schema", a =>
        {
            a.Exactly(1);
            var doc = ToDocument(a.Positional[0], "with_data_values_schema");
            var schema = new DataValuesDocument(doc, DataValuesDocumentKind.Schema, $"with_data_values_schema() of library '{_refName}'", [], false);
            return new LibraryInstance(_parent, _library, _refName, _keys, _options, _values, [.. _schemas, schema]);
        }),
        "eval" => HostFunction.Create("library.eval", a =>
        {
            a.Exactly(0);
            return _evaluated ??= Guard(() =>
            {
                var result = Execution().Render();
                var set = new DocumentSet();
                foreach (var f in result.Files)
                {
                    if (f.Yaml is { } y) set.Items.AddRange(y.Items);
                }
                return YamlFragment.Of(set);
            });
        }),
        "data_values" => HostFunction.Create("library.data_values", a =>
        {
            a.Exactly(0);
            return Guard(() => Execution().ValuesStruct());
        }),
        "export" => HostFunction.Create("library.export", a =>
        {
            a.AllowKwargs("path");
            if (a.Positional.Length != 1) throw new HostError($"got {a.Positional.Length} arguments, want 1");
            string symbol = a.String(0);
            string? path = a.Kwarg("path") is StringValue p ? p.Value : null;
            return Guard(() => Export(symbol, path));
        }),
        _ => null,
    };

    private LibraryExecution Execution() => _execution ??= _parent.Nested(_library, _keys, _options, _values, _schemas);

    private Value Export(string symbol, string? path)
    {
        if (symbol.StartsWith('_')) throw new HostError($"Symbols starting with '_' are private, and cannot be exported");
        var exec = Execution();
        exec.DataValues();
        var candidates = exec.Library.OwnFiles()
            .Where(f => path is null
                ? f.File.Kind == FileKind.Starlark || FileKinds.IsLibrary(f.Path) && f.File.Kind is FileKind.YamlTemplate or FileKind.TextTemplate
                : f.Path == path.TrimStart('/'))
            .ToList();
        if (path is not null && candidates.Count == 0) throw new HostError($"Expected to find file '{path}' in library '{_refName}'");
        var found = new List<(string File, Value Value)>();
        foreach (var (rel, file) in candidates)
        {
            var thread = exec.Loader.NewThread(file.RelativePath);
            var globals = thread.Load!(thread, "/" + rel);
            if (globals.TryGetValue(symbol, out var v)) found.Add((rel, v));
        }
        if (found.Count == 0) throw new HostError($"Expected to find exported symbol '{symbol}', but did not");
        if (found.Count > 1)
        {
            throw new HostError($"Expected to find exactly one exported symbol '{symbol}', but found multiple across files: {string.Join(", ", found.Select(f => f.File))}");
        }
        return found[0].Value;
    }

    private static Document ToDocument(Value v, string fn)
    {
        object? yaml = v switch
        {
            DictValue or YttStruct or YamlFragment => NodeConversion.ToYaml(v),
            NoneValue => null,
            _ => throw new HostError($"expected {fn} argument to be a dict, struct or yamlfragment, but was {v.Type}"),
        };
        if (yaml is DocumentSet ds)
        {
            yaml = ds.Items.Count > 0 ? ds.Items[0].Value : null;
        }
        return new Document(yaml);
    }

    private Value Guard(Func<Value> f)
    {
        try
        {
            return f();
        }
        catch (TemplateException e)
        {
            throw new HostError($"Evaluating library '{_refName}': {e.Message}");
        }
    }
}
