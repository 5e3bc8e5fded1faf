using System.Text;
using Hull.Starlark;
using Hull.Starlark.Values;
using Hull.Templating.Values;

namespace Hull.Templating.Overlays;

/// <summary>
/// A matcher made by `@ytt:overlay` (all, index, subset, map_key, and_op, or_op, not_op). Callable from Starlark as
/// `m(index_or_key, left, right)`; the overlay engine calls <see cref="Matches"/> directly on YAML nodes, so built-in
/// matchers never convert nodes to Starlark values.
/// </summary>
public abstract class OverlayMatcher(string name) : Value, ICallable
{
    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public override string Type => "builtin_function_or_method";

    /// <inheritdoc/>
    public override int Hash() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb) => sb.Append("<built-in function ").Append(Name).Append('>');

    /// <summary>Whether the left node (a value: map, array, scalar) at <paramref name="indexOrKey"/> matches the right one.</summary>
    public abstract bool Matches(StarlarkThread thread, object? indexOrKey, object? left, object? right);

    /// <inheritdoc/>
    public Value Call(StarlarkThread thread, Value[] args, KeyValuePair<string, Value>[]? kwargs)
    {
        if (kwargs is { Length: > 0 }) throw new EvalException($"{Name}: unexpected keyword argument \"{kwargs[0].Key}\"");
        if (args.Length != 3) throw new EvalException($"{Name}: got {args.Length} arguments, want 3");
        try
        {
            return BoolValue.Of(Matches(thread, NodeConversion.ToYaml(args[0]), AsYaml(args[1]), AsYaml(args[2])));
        }
        catch (OverlayException e)
        {
            throw new EvalException($"{Name}: {e.Message}");
        }
    }

    // Fragments are read in place: matching never changes them.
    private static object? AsYaml(Value v) => v is YamlFragment f ? f.Node : NodeConversion.ToYaml(v);
}
