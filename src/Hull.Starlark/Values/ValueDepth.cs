using System.Globalization;
using System.Runtime.CompilerServices;

namespace Hull.Starlark.Values;

/// <summary>
/// Bounds recursive walks over values (printing, hashing, freezing here; encoding and converting in hosts). A value
/// nested deeper than <see cref="MaxDepth"/> (a dict built 40,000 levels deep in a loop) fails with an ordinary error
/// instead of a stack overflow, which would kill the process without a message. The stack is probed as well, so a walk
/// on a thread with a small stack fails the same way.
/// </summary>
public static class ValueDepth
{
    /// <summary>The deepest nesting a walk follows; the same as Hull.Yaml's limit on the documents it reads and writes.</summary>
    public const int MaxDepth = 1000;

    [ThreadStatic] private static int t_depth;

    /// <summary>
    /// Enters one level of a walk whose methods cannot carry the depth (virtual members such as
    /// <see cref="Value.WriteRepr"/>); every successful call is paired with <see cref="Leave"/> in a finally block.
    /// </summary>
    /// <exception cref="EvalException">The value is nested too deeply to <paramref name="what"/>.</exception>
    public static void Enter(string what)
    {
        int depth = ++t_depth;
        if (depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            t_depth--;
            throw TooDeep(what, depth);
        }
    }

    /// <summary>Leaves a level entered with <see cref="Enter"/>.</summary>
    public static void Leave() => t_depth--;

    /// <summary>Freezes the children of a container, one level deeper.</summary>
    /// <exception cref="EvalException">The value is nested too deeply to freeze.</exception>
    public static void FreezeEach(IEnumerable<Value?> children)
    {
        Enter("freeze");
        try
        {
            foreach (var child in children) child?.Freeze();
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Checks one level of a walk that carries its own <paramref name="depth"/> (1 for the outermost value).</summary>
    /// <exception cref="EvalException">The value is nested too deeply to <paramref name="what"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(int depth, string what)
    {
        if (depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw TooDeep(what, depth);
    }

    /// <summary>The error text for a value nested too deeply to <paramref name="what"/> (e.g. "print").</summary>
    public static string Message(string what, int depth) => depth > MaxDepth
        ? "value nested too deeply to " + what + ": exceeded max depth of " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels"
        : "value nested too deeply to " + what + ": exceeded max depth (the stack is exhausted)";

    private static EvalException TooDeep(string what, int depth) => new(Message(what, depth));
}
