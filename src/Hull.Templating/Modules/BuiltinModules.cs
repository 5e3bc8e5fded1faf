using Hull.Starlark.Values;
using Hull.Templating.Evaluation;
using Hull.Templating.Values;

namespace Hull.Templating.Modules;

/// <summary>The `@ytt:*` modules of one render, each as the globals `load("@ytt:name", "name")` sees.</summary>
public sealed class BuiltinModules
{
    private readonly Dictionary<string, Func<Value>> _factories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, Value>> _made = new(StringComparer.Ordinal);

    /// <summary>Creates the standard set.</summary>
    public BuiltinModules(TemplateOptions options, DataModule data)
    {
        Add("struct", StructModule.Create);
        Add("json", JsonTomlModules.Json);
        Add("toml", JsonTomlModules.Toml);
        Add("yaml", YamlModule.Create);
        Add("base64", DigestModules.Base64);
        Add("md5", DigestModules.Md5);
        Add("sha256", DigestModules.Sha256);
        Add("regexp", RegexpModule.Create);
        Add("url", UrlModule.Create);
        Add("ip", IpModule.Create);
        Add("version", () => VersionMathModules.Version(options.Version));
        Add("math", VersionMathModules.Math);
        Add("template", TemplateModule);
        Add("assert", AssertModule.Create);
        Add("data", data.Create);
        Add("overlay", OverlayModule.Create);
    }

    /// <summary>Adds or replaces a module (issues for overlays and libraries extend the set through this).</summary>
    public void Add(string name, Func<Value> factory)
    {
        _factories[name] = factory;
        _made.Remove(name);
    }

    /// <summary>The module's load() globals, or null when unknown.</summary>
    public IReadOnlyDictionary<string, Value>? Get(string name)
    {
        if (_made.TryGetValue(name, out var m)) return m;
        if (!_factories.TryGetValue(name, out var f)) return null;
        var value = f();
        value.Freeze();
        var globals = new Dictionary<string, Value>(StringComparer.Ordinal) { [name] = value };
        _made[name] = globals;
        return globals;
    }

    private static ModuleValue TemplateModule() => HostFunction.Module("template",
        HostFunction.Create("template.replace", a =>
        {
            a.Exactly(1);
            var current = a.Thread.GetLocal(CompiledTemplate.CurrentKey) as CompiledTemplate
                ?? throw new HostError("expected to be called within a template");
            current.CurrentContext.Replace(a.Positional[0]);
            return NoopValue.Instance;
        }));
}
