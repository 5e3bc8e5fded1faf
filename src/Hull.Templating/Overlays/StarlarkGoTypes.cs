using Hull.Starlark.Values;

namespace Hull.Templating.Overlays;

/// <summary>Go type names of starlark-go values (`starlark.String`), as ytt's overlay errors print them.</summary>
public static class StarlarkGoTypes
{
    /// <summary>The Go type name of <paramref name="v"/>.</summary>
    public static string Of(Value v) => v switch
    {
        StringValue => "starlark.String",
        IntValue => "starlark.Int",
        FloatValue => "starlark.Float",
        BoolValue => "starlark.Bool",
        NoneValue => "starlark.NoneType",
        ListValue => "*starlark.List",
        DictValue => "*starlark.Dict",
        TupleValue => "starlark.Tuple",
        FunctionValue => "*starlark.Function",
        BuiltinFunction => "*starlark.Builtin",
        _ => v.Type,
    };
}
