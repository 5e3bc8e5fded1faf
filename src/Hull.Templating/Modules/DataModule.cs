using System.Text;
using Hull.Starlark.Values;
using Hull.Templating.Files;
using Hull.Templating.Values;

namespace Hull.Templating.Modules;

/// <summary>`@ytt:data`: data.values, data.list() and data.read() over the input files.</summary>
/// <remarks>The values are supplied lazily so `#@data/values` documents can be evaluated before templates read them.</remarks>
public sealed class DataModule(Func<Value> values, IReadOnlyList<InputFile> files)
{
    /// <summary>Builds the module value.</summary>
    public Value Create() => new DataValue(this);

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
                var list = owner.Files
                    .Where(f => prefix.Length == 0 || f.RelativePath.StartsWith(prefix + "/", StringComparison.Ordinal))
                    .Select(f => (Value)StringValue.Of(f.RelativePath))
                    .ToList();
                return new ListValue(list);
            }),
            "read" => HostFunction.Create("data.read", a =>
            {
                a.Exactly(1);
                string path = a.String(0).TrimStart('/');
                var file = owner.Files.FirstOrDefault(f => f.RelativePath == path)
                    ?? throw new HostError($"Expected to find file '{path}'");
                return StringValue.Of(Encoding.UTF8.GetString(file.Bytes));
            }),
            _ => null,
        };

        public override void Freeze() { }
    }

    private Func<Value> ValuesSource => values;

    private IReadOnlyList<InputFile> Files => files;
}
