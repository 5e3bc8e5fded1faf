using Hull.Starlark.Values;
using Hull.Templating.Encoders;
using Hull.Templating.Values;

namespace Hull.Templating.Modules;

/// <summary>`@ytt:json` and `@ytt:toml`.</summary>
public static class JsonTomlModules
{
    /// <summary>json.encode(value, indent=0) and json.decode(string).</summary>
    public static ModuleValue Json() => HostFunction.Module("json",
        HostFunction.Create("json.encode", a =>
        {
            a.AllowKwargs("indent");
            if (a.Positional.Length != 1) throw new HostError($"got {a.Positional.Length} arguments, want 1");
            int indent = Indent(a);
            return StringValue.Of(JsonEncoding.Encode(PlainConversion.ToPlain(a.Positional[0]), indent));
        }),
        HostFunction.Create("json.decode", a =>
        {
            a.Exactly(1);
            try
            {
                return PlainConversion.FromPlain(JsonEncoding.Decode(a.String(0)));
            }
            catch (TemplateException e)
            {
                throw new HostError(e.Message);
            }
        }));

    /// <summary>toml.encode(value, indent=0) and toml.decode(string).</summary>
    public static ModuleValue Toml() => HostFunction.Module("toml",
        HostFunction.Create("toml.encode", a =>
        {
            a.AllowKwargs("indent");
            if (a.Positional.Length != 1) throw new HostError($"got {a.Positional.Length} arguments, want 1");
            try
            {
                return StringValue.Of(TomlEncoding.Encode(PlainConversion.ToPlain(a.Positional[0]), Indent(a)));
            }
            catch (TemplateException e)
            {
                throw new HostError(e.Message);
            }
        }),
        HostFunction.Create("toml.decode", a =>
        {
            a.Exactly(1);
            try
            {
                return PlainConversion.FromPlain(TomlEncoding.Decode(a.String(0)));
            }
            catch (Exception e) when (e is not HostError)
            {
                throw new HostError(e.Message);
            }
        }));

    private static int Indent(HostArgs a)
    {
        var v = a.Kwarg("indent");
        if (v is null) return 0;
        if (v is not IntValue i || !i.IsSmall || i.Small < 0) throw new HostError("expected indent to be a non-negative int");
        return (int)i.Small;
    }
}
