using Hull.Starlark.Values;
using Hull.Templating.Values;
using Hull.Templating.Yaml;

namespace Hull.Templating.Modules;

/// <summary>`@ytt:yaml`: encode values (fragments included) and decode YAML text.</summary>
public static class YamlModule
{
    /// <summary>The module.</summary>
    public static ModuleValue Create() => HostFunction.Module("yaml",
        HostFunction.Create("yaml.encode", a =>
        {
            a.Exactly(1);
            return StringValue.Of(YamlOutput.Encode(NodeConversion.ToYaml(a.Positional[0])));
        }),
        HostFunction.Create("yaml.decode", a =>
        {
            a.Exactly(1);
            Hull.Yaml.DocumentSet docSet;
            try
            {
                docSet = YamlParsing.ParsePlain("yaml.decode", a.String(0));
            }
            catch (TemplateException e)
            {
                throw new HostError(e.Message);
            }
            var docs = docSet.Items;
            var plain = docs.Count == 0 ? null : NodeConversion.ToPlain(docs[0].Value);
            return PlainConversion.FromPlain(plain);
        }));
}
