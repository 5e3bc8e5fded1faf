using System.Runtime.CompilerServices;
using Hull.Starlark.Values;

namespace Hull.Templating.Values;

/// <summary>
/// Bounds Templating's recursive walks (conversions between Starlark values, plain values and YAML nodes; encoders and
/// decoders; overlays, schemas and data values) at <see cref="ValueDepth.MaxDepth"/> levels, with a probe of the stack
/// behind it, so deep values fail with an error instead of a stack overflow that kills the process.
/// </summary>
internal static class WalkDepth
{
    /// <summary>Checks level <paramref name="depth"/> (1 for the outermost value) of a walk that would <paramref name="what"/>.</summary>
    /// <exception cref="HostError">The value is nested too deeply.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(int depth, string what)
    {
        if (depth > ValueDepth.MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw new HostError(ValueDepth.Message(what, depth));
    }

    /// <summary>
    /// Probes the stack in a walk whose input is already bounded where it was made (parsed YAML, converted values,
    /// key paths) and which does not carry its depth; documents composed from fragment functions are bounded by the
    /// call depth and the stack.
    /// </summary>
    /// <exception cref="HostError">The value is nested too deeply for the stack.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void EnsureStack(string what)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw new HostError(ValueDepth.Message(what, 0));
    }
}
